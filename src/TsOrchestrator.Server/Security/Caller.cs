using System.Security.Claims;

namespace TsOrchestrator.Server.Security;

/// <summary>Who is calling: id, display name, role and security scopes.</summary>
public sealed record Caller(string Id, string Name, string Role, IReadOnlySet<string> Scopes)
{
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scopes = (user.FindFirstValue(ApiKeyAuthenticationHandler.ScopesClaim) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            scopes);
    }

    public bool IsFullAdministrator => Role == AdminRoles.FullAdministrator;

    /// <summary>
    /// True when the caller may see something with these comma-separated scopes that is not a row of the store (an
    /// import preview). Rows are never checked with this: the store's scope filter returns only what the caller may see.
    /// </summary>
    public bool CanSee(string objectScopes) =>
        Scopes.Contains("*") ||
        objectScopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(Scopes.Contains);
}
