using TsOrchestrator.Contracts.Security;

namespace TsOrchestrator.Server.Security;

/// <summary><c>GET /api/v1/me</c>: the caller's own key, role and scopes (the designer's sign-in reads it).</summary>
public static class CallerApi
{
    public static IEndpointRouteBuilder MapCallerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", (HttpContext http) =>
        {
            var caller = Caller.From(http.User);
            return new CallerInfo { Id = caller.Id, Name = caller.Name, Role = caller.Role, Scopes = [.. caller.Scopes.Order(StringComparer.OrdinalIgnoreCase)] };
        }).RequireAuthorization(AdminPolicies.Read).WithTags("Security");
        return app;
    }
}
