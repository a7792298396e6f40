using System.Security.Claims;

namespace TsOrchestrator.Designer.Session;

/// <summary>The signed-in user as the pages see it: what to show and which actions to offer.</summary>
public sealed record ConsoleUser(string Id, string Name, string Role, IReadOnlyList<string> Scopes, string ApiKey)
{
    public const string FullAdministrator = "FullAdministrator";
    public const string OsdManager = "OperatingSystemDeploymentManager";
    public const string ReadOnlyAnalyst = "ReadOnlyAnalyst";

    /// <summary>Create and change task sequences: the server's Edit policy, mirrored only to hide what would be refused.</summary>
    public bool CanEdit => Role is FullAdministrator or OsdManager;

    public bool IsFullAdministrator => Role == FullAdministrator;

    public string RoleDisplayName => Role switch
    {
        FullAdministrator => "Full Administrator",
        OsdManager => "Operating System Deployment Manager",
        ReadOnlyAnalyst => "Read-only Analyst",
        _ => Role,
    };

    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ConsoleAuthentication.ApiKeyClaim) is not { Length: > 0 } key)
        {
            return null;
        }

        return new ConsoleUser(
            principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(ConsoleAuthentication.RoleClaim) ?? "",
            (principal.FindFirstValue(ConsoleAuthentication.ScopesClaim) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            key);
    }
}
