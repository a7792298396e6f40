namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>Set Security Scopes: the scopes an object belongs to (at least one).</summary>
public sealed record SetScopesRequest
{
    public IReadOnlyList<string>? Scopes { get; init; }
}
