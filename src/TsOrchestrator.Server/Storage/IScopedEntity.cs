namespace TsOrchestrator.Server.Storage;

/// <summary>
/// An object in security scopes: the store's one scope filter applies to every query of it (see
/// <see cref="StoreContext.ScopeFilter"/>).
/// </summary>
public interface IScopedEntity
{
    string Id { get; }

    /// <summary>Comma-separated security scope names, never empty.</summary>
    string Scopes { get; }
}
