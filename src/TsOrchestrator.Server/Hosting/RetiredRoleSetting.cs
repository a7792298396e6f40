namespace TsOrchestrator.Server.Hosting;

/// <summary>
/// <c>Server:Role</c> once made this program a distribution point. The DP is its own host now: a server still given the
/// setting refuses to start, so an operator upgrading a DP does not silently get a site server in its place.
/// </summary>
public static class RetiredRoleSetting
{
    public const string Name = "Server:Role";

    /// <summary>The line to refuse the start with, or null when the setting is not given.</summary>
    public static string? Refusal(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Name] is { Length: > 0 } role
            ? $"{Name} ({role}) is no longer read: a distribution point is its own program now, TsOrchestrator.DistributionPoint "
              + "(src/TsOrchestrator.DistributionPoint), started with the same DistributionPoint and Storage settings; "
              + $"a site server takes no {Name}: remove it"
            : null;
    }
}
