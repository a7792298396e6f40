namespace TsOrchestrator.Contracts.Security;

/// <summary>Who an admin API key belongs to: what a console needs to show only the actions the caller may take.</summary>
public sealed record CallerInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary><c>FullAdministrator</c>, <c>OperatingSystemDeploymentManager</c> or <c>ReadOnlyAnalyst</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The security scopes the caller sees; <c>*</c> for all.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }
}
