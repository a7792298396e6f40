namespace TsOrchestrator.Server.Storage;

/// <summary>A distribution point: the site server itself (<see cref="IsSiteServer"/>) or a distribution point host at <see cref="Url"/>.</summary>
public sealed class DistributionPointEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Url { get; set; }
    public bool IsSiteServer { get; set; }

    /// <summary>The DP's access key, protected with the server's data protection keys.</summary>
    public string? ProtectedAccessKey { get; set; }

    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
