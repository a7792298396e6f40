using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Security;

/// <summary>Security scope names as objects store them: a comma-separated list, never empty.</summary>
public static class SecurityScopes
{
    public const string Default = "default";

    /// <summary>
    /// The scopes a new object gets: the creator's own, so that a scoped administrator sees what it
    /// created; an unscoped one's objects go to the default scope.
    /// </summary>
    public static string ForNewObject(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Scopes.Contains("*") || caller.Scopes.Count == 0 ? Default : string.Join(',', caller.Scopes.Order(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The stored form of a Set Security Scopes request; a 400 naming <c>scopes</c> when it is not one.</summary>
    public static string Parse(IReadOnlyList<string>? scopes)
    {
        var cleaned = (scopes ?? []).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Count == 0 || cleaned.Any(x => x.Contains(',', StringComparison.Ordinal) || x == "*" || x.Length > 64))
        {
            throw Problem.BadRequest("scopes", "give one or more scope names (at most 64 characters, no commas, not '*')");
        }

        return string.Join(',', cleaned);
    }

    public static IReadOnlyList<string> List(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
