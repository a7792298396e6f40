using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Contracts.Site;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// <c>/api/v1/phased-deployments</c>: create (phase 1 begins at once), list, get with each phase's figures and
/// batches, move to the next phase, suspend, resume, delete (with its phases' deployments); and <c>/api/v1/site/high-risk</c>, the site's high-risk
/// settings every deployment and phase is verified against.
/// </summary>
public static class PhasedDeploymentsApi
{
    public static IEndpointRouteBuilder MapPhasedDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/phased-deployments").WithTags("Phased deployments").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (StoreContext store, CancellationToken cancellationToken) =>
        {
            var all = await store.PhasedDeployments.AsNoTracking().OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
            var result = new List<PhasedDeploymentInfo>();
            foreach (var phased in all)
            {
                result.Add(await InfoAsync(store, phased, cancellationToken));
            }

            return result;
        });

        group.MapGet("/{id}", async (string id, StoreContext store, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
            await InfoAsync(store, await service.FindAsync(id, cancellationToken), cancellationToken));

        group.MapPost("/", async (CreatePhasedDeploymentRequest request, StoreContext store, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            var phased = await service.CreateAsync(request, Caller.From(http.User), cancellationToken);
            return Results.Created($"/api/v1/phased-deployments/{phased.Id}", await InfoAsync(store, phased, cancellationToken));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/next", async (string id, StoreContext store, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
            await InfoAsync(store, await service.MoveToNextPhaseAsync(id, Caller.From(http.User), cancellationToken), cancellationToken)).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/suspend", async (string id, StoreContext store, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            return await InfoAsync(store, await service.SuspendAsync(id, caller, $"suspended by {caller.Name}", cancellationToken), cancellationToken);
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/resume", async (string id, StoreContext store, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
            await InfoAsync(store, await service.ResumeAsync(id, Caller.From(http.User), cancellationToken), cancellationToken)).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}", async (string id, PhasedDeploymentService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            await service.DeleteAsync(id, Caller.From(http.User), cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        app.MapGet("/api/v1/site/high-risk", (IOptions<HighRiskOptions> options) => new HighRiskSettings
        {
            DefaultCollectionSize = options.Value.DefaultCollectionSize,
            MaximumCollectionSize = options.Value.MaximumCollectionSize,
            CollectionsWithServers = options.Value.CollectionsWithServers.ToString(),
        }).WithTags("Site").RequireAuthorization(AdminPolicies.Read);
        return app;
    }

    private static async Task<PhasedDeploymentInfo> InfoAsync(StoreContext store, PhasedDeploymentEntity phased, CancellationToken cancellationToken)
    {
        var phases = await store.DeploymentPhases.AsNoTracking().Where(p => p.PhasedDeploymentId == phased.Id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var infos = new List<PhaseInfo>();
        foreach (var phase in phases)
        {
            var progress = await PhaseProgress.OfAsync(store, phase, phased.ResumedAt, cancellationToken);
            var batches = phase.DeploymentId is null
                ? []
                : await store.DeploymentBatches.AsNoTracking().Where(b => b.DeploymentId == phase.DeploymentId).ToListAsync(cancellationToken);
            infos.Add(new PhaseInfo
            {
                Number = phase.Number, CollectionId = phase.CollectionId, SuccessPercent = phase.SuccessPercent, BeginNext = phase.BeginNext.ToString(),
                DeferralDays = phase.DeferralDays, Purpose = phase.Purpose.ToString(), GradualDays = phase.GradualDays, DeadlineDays = phase.DeadlineDays,
                DeploymentId = phase.DeploymentId, StartedAt = phase.StartedAt, CriteriaMetAt = phase.CriteriaMetAt,
                Devices = progress.Devices, Succeeded = progress.Succeeded, Failed = progress.Failed,
                SucceededPercent = Math.Round(progress.SucceededPercent, 1), FailedPercent = Math.Round(progress.FailedPercent, 1),
                Batches = [.. batches.GroupBy(b => b.Batch).OrderBy(g => g.Key).Select(g => new PhaseBatchInfo
                {
                    Batch = g.Key, DeviceIds = [.. g.Select(b => b.DeviceId).Order(StringComparer.Ordinal)], AvailableAt = g.First().AvailableAt, AssignmentAt = g.First().AssignmentAt,
                })],
            });
        }

        return new PhasedDeploymentInfo
        {
            Id = phased.Id, Name = phased.Name, SequenceId = phased.SequenceId, Status = phased.Status.ToString(), CurrentPhase = phased.CurrentPhase,
            HaltFailurePercent = phased.HaltFailurePercent, SuspendReason = phased.SuspendReason, CreatedAt = phased.CreatedAt, Phases = infos,
        };
    }
}
