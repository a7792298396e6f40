namespace TsOrchestrator.Server.Security;

/// <summary>The roles of admin API keys, as Configuration Manager names them.</summary>
public static class AdminRoles
{
    public const string FullAdministrator = "FullAdministrator";
    public const string OsdManager = "OperatingSystemDeploymentManager";
    public const string ReadOnlyAnalyst = "ReadOnlyAnalyst";

    public static IReadOnlyList<string> All { get; } = [FullAdministrator, OsdManager, ReadOnlyAnalyst];
}
