namespace TsOrchestrator.Contracts.Security;

/// <summary>Issues a new admin API key.</summary>
public sealed record CreateApiKeyRequest
{
    public string? Name { get; init; }

    /// <summary>FullAdministrator, OperatingSystemDeploymentManager or ReadOnlyAnalyst.</summary>
    public string? Role { get; init; }

    /// <summary>Security scopes the key sees; none for all of the issuer's own (all, for an unscoped administrator).</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}
