using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// <c>GET /api/v1/deployments/{id}/why[?device=ID]</c>: why a deployment is not running on a device (every reason, and
/// when it will), or over all its devices how many are held back by each reason. Read-only.
/// </summary>
public static class DeploymentWhyApi
{
    public static IEndpointRouteBuilder MapDeploymentWhyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/deployments/{id}/why", async (string id, string? device, DeploymentExplainer explainer, CancellationToken cancellationToken) =>
            device is null
                ? Results.Ok(await explainer.SummarizeAsync(id, cancellationToken))
                : Results.Ok(await explainer.ExplainAsync(id, device, cancellationToken)))
            .WithTags("Deployments").RequireAuthorization(AdminPolicies.Read);
        return app;
    }
}
