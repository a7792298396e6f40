namespace TsOrchestrator.Contracts.Security;

/// <summary>An admin API key as the server shows it: never its secret, which is shown once, when issued.</summary>
public sealed record ApiKeyInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>FullAdministrator, OperatingSystemDeploymentManager or ReadOnlyAnalyst.</summary>
    public required string Role { get; init; }

    /// <summary>The security scopes whose objects the key sees; <c>*</c> for all.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a request last signed in with the key, to the minute; null if never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
}
