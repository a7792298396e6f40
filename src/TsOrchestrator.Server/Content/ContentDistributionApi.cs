using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.Content;

/// <summary>Distribute Content for a task sequence, and where its content stands.</summary>
public static class ContentDistributionApi
{
    public static IEndpointRouteBuilder MapContentDistributionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/task-sequences").WithTags("Content").RequireAuthorization(AdminPolicies.Read);

        group.MapPost("/{id}/distribute", async (string id, DistributeContentRequest? request, ContentDistributor distributor, HttpContext http,
            CancellationToken cancellationToken) =>
            Results.Accepted($"/api/v1/task-sequences/{id}/content-status",
                await distributor.DistributeSequenceAsync(id, request ?? new DistributeContentRequest(), Caller.From(http.User), cancellationToken)))
            .RequireAuthorization(AdminPolicies.Edit);

        group.MapGet("/{id}/content-status", (string id, ContentDistributor distributor, HttpContext http, CancellationToken cancellationToken) =>
            distributor.SequenceStatusAsync(id, Caller.From(http.User), cancellationToken));

        return app;
    }
}
