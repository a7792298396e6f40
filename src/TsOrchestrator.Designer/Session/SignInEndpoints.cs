using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TsOrchestrator.Designer.Api;

namespace TsOrchestrator.Designer.Session;

/// <summary>
/// <c>POST /account/signin</c> turns an admin API key into a cookie session after the server itself has
/// accepted the key (<c>GET /api/v1/me</c>); <c>GET /account/signout</c> ends it.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", async ([FromForm(Name = "key")] string? key, [FromForm(Name = "returnUrl")] string? returnUrl,
            HttpContext http, AdminClientFactory clients) =>
        {
            key = key?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                return Results.LocalRedirect($"{ConsoleAuthentication.SignInPath}?error=empty");
            }

            var (caller, error) = await AdminCall.RunAsync(() => clients.Create(key).GetCallerAsync(http.RequestAborted)).ConfigureAwait(false);
            if (caller is null)
            {
                return Results.LocalRedirect($"{ConsoleAuthentication.SignInPath}?error={(error?.IsUnauthorized == true ? "rejected" : "unreachable")}");
            }

            Claim[] claims =
            [
                new(ClaimTypes.NameIdentifier, caller.Id),
                new(ClaimTypes.Name, caller.Name),
                new(ConsoleAuthentication.RoleClaim, caller.Role),
                new(ConsoleAuthentication.ScopesClaim, string.Join(',', caller.Scopes)),
                new(ConsoleAuthentication.ApiKeyClaim, key),
            ];
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleAuthentication.CookieScheme, ClaimTypes.Name, ConsoleAuthentication.RoleClaim));
            await http.SignInAsync(ConsoleAuthentication.CookieScheme, principal).ConfigureAwait(false);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();

        // A GET so the layout's plain link signs out; the cookie is SameSite=Strict, so another site cannot trigger it.
        app.MapGet("/account/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleAuthentication.CookieScheme).ConfigureAwait(false);
            return Results.LocalRedirect(ConsoleAuthentication.SignInPath);
        }).AllowAnonymous();
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
