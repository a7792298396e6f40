namespace TsOrchestrator.Server.Security;

/// <summary>Authorization policies: what each role may do.</summary>
public static class AdminPolicies
{
    /// <summary>Read admin objects: every admin role.</summary>
    public const string Read = "admin.read";

    /// <summary>Create and change task sequences, folders and deployments.</summary>
    public const string Edit = "admin.edit";

    /// <summary>Site-wide administration: keys, forced lock release, audit.</summary>
    public const string Administer = "admin.administer";
}
