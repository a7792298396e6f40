namespace TsOrchestrator.Designer.Session;

/// <summary>The console's cookie session: scheme names and the claims a signed-in user carries.</summary>
public static class ConsoleAuthentication
{
    /// <summary>The cookie the console's pages and circuit are authenticated with.</summary>
    public const string CookieScheme = "TsOrchestrator.Console";

    /// <summary>Chooses per request between the API key (API paths) and the console cookie (everything else).</summary>
    public const string SelectorScheme = "TsOrchestrator.ApiKeyOrConsole";

    public const string RoleClaim = "tsorch:role";
    public const string ScopesClaim = "tsorch:scopes";

    /// <summary>
    /// The signed-in user's API key. The cookie is encrypted and signed with the server's Data Protection keys;
    /// the console calls the admin API with it so the server, not the page, decides what the user may do.
    /// </summary>
    public const string ApiKeyClaim = "tsorch:api-key";

    public const string SignInPath = "/signin";

    /// <summary>Paths that stay API-key only: a browser's cookie must never authorize an API call (no CSRF surface).</summary>
    public static bool IsApiPath(string path) =>
        path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/agent/", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith("/openapi/", StringComparison.OrdinalIgnoreCase) || path.Equals("/metrics", StringComparison.OrdinalIgnoreCase) || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/healthz/", StringComparison.OrdinalIgnoreCase);
}
