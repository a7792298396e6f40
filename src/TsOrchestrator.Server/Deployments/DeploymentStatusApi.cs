using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// <c>GET /api/v1/deployments/status</c>: per deployment, how many targeted devices succeeded, failed, are in
/// progress or have not started, each device counted once by its latest run (Configuration Manager's
/// deployment status view). Read-only, one call for the console's whole list.
/// </summary>
public static class DeploymentStatusApi
{
    public static IEndpointRouteBuilder MapDeploymentStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/deployments/status", async (string? sequenceId, StoreContext store, CancellationToken cancellationToken) =>
        {
            var query = store.Deployments.AsNoTracking();
            query = sequenceId is null ? query : query.Where(d => d.SequenceId == sequenceId);
            var deployments = await query.OrderBy(d => d.CreatedAt).Select(d => new { d.Id, d.CollectionId }).ToListAsync(cancellationToken);
            var ids = deployments.Select(d => d.Id).ToList();
            var collectionIds = deployments.Select(d => d.CollectionId).Distinct().ToList();

            var runs = await store.Runs.AsNoTracking().Where(r => r.DeploymentId != null && ids.Contains(r.DeploymentId))
                .Select(r => new { r.DeploymentId, r.DeviceId, r.Status, r.CreatedAt }).ToListAsync(cancellationToken);
            var direct = await store.CollectionMembers.AsNoTracking().Where(m => collectionIds.Contains(m.CollectionId)).ToListAsync(cancellationToken);
            var rules = (await store.Collections.AsNoTracking().Where(c => collectionIds.Contains(c.Id) && c.MembershipRule != null).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => CollectionMembership.ReadRule(c.MembershipRule), StringComparer.Ordinal);
            var devices = rules.Count == 0 ? [] : await store.Devices.AsNoTracking().ToListAsync(cancellationToken);

            return deployments.Select(d =>
            {
                var members = direct.Where(m => m.CollectionId == d.CollectionId).Select(m => m.DeviceId).ToHashSet(StringComparer.Ordinal);
                if (rules.TryGetValue(d.CollectionId, out var rule))
                {
                    members.UnionWith(devices.Where(device => CollectionMembership.Matches(rule, device)).Select(device => device.Id));
                }

                var latest = runs.Where(r => r.DeploymentId == d.Id).GroupBy(r => r.DeviceId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!.Status, StringComparer.Ordinal);
                members.UnionWith(latest.Keys);
                var statuses = members.Select(m => latest.GetValueOrDefault(m, nameof(RunStatus.NotStarted))).ToList();
                return new DeploymentStatusInfo
                {
                    DeploymentId = d.Id,
                    Targeted = members.Count,
                    Succeeded = statuses.Count(s => s == nameof(RunStatus.Succeeded)),
                    Failed = statuses.Count(s => s is nameof(RunStatus.Failed) or nameof(RunStatus.Cancelled) or nameof(RunStatus.TimedOut)),
                    InProgress = statuses.Count(s => s == nameof(RunStatus.Running)),
                    NotStarted = statuses.Count(s => s == nameof(RunStatus.NotStarted)),
                };
            }).ToList();
        }).WithTags("Deployments").RequireAuthorization(AdminPolicies.Read);
        return app;
    }
}
