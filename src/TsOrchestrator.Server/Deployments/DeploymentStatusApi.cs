using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

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
        app.MapGet("/api/v1/deployments/status", async (string? sequenceId, StoreContext store, SequenceVersionCache versions, CancellationToken cancellationToken) =>
        {
            var query = store.Deployments.AsNoTracking();
            query = sequenceId is null ? query : query.Where(d => d.SequenceId == sequenceId);
            var deployments = await query.OrderBy(d => d.CreatedAt).Select(d => new { d.Id, d.CollectionId, d.SequenceId }).ToListAsync(cancellationToken);
            var ids = deployments.Select(d => d.Id).ToList();
            var collectionIds = deployments.Select(d => d.CollectionId).Distinct().ToList();

            var runs = await store.Runs.AsNoTracking().Where(r => r.DeploymentId != null && ids.Contains(r.DeploymentId))
                .Select(r => new { r.DeploymentId, r.DeviceId, r.Status, r.CreatedAt }).ToListAsync(cancellationToken);
            var direct = await store.CollectionMembers.AsNoTracking().Where(m => collectionIds.Contains(m.CollectionId)).ToListAsync(cancellationToken);
            var rules = (await store.Collections.AsNoTracking().Where(c => collectionIds.Contains(c.Id) && c.MembershipRule != null).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => CollectionMembership.ReadRule(c.MembershipRule), StringComparer.Ordinal);
            var devices = rules.Count == 0 ? [] : await store.Devices.AsNoTracking().ToListAsync(cancellationToken);
            var sequences = new Dictionary<string, Domain.Sequences.TaskSequence>(StringComparer.Ordinal);
            foreach (var id in deployments.Select(d => d.SequenceId).Distinct())
            {
                if (await store.TaskSequences.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } entity)
                {
                    sequences[id] = await versions.LatestAsync(store, entity, cancellationToken);
                }
            }

            var memberIds = direct.Select(m => m.DeviceId).Concat(runs.Select(r => r.DeviceId)).Distinct().ToList();
            var known = rules.Count == 0
                ? await store.Devices.AsNoTracking().Where(x => memberIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, StringComparer.Ordinal, cancellationToken)
                : devices.ToDictionary(x => x.Id, StringComparer.Ordinal);

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
                var incapable = CannotRun(sequences.GetValueOrDefault(d.SequenceId), members, known, latest);
                return new DeploymentStatusInfo
                {
                    DeploymentId = d.Id,
                    Targeted = members.Count,
                    Succeeded = statuses.Count(s => s == nameof(RunStatus.Succeeded)),
                    Failed = statuses.Count(s => s is nameof(RunStatus.Failed) or nameof(RunStatus.Cancelled) or nameof(RunStatus.TimedOut)),
                    InProgress = statuses.Count(s => s == nameof(RunStatus.Running)),
                    NotStarted = statuses.Count(s => s == nameof(RunStatus.NotStarted)),
                    CannotRun = incapable.Count,
                    StepsNotRunnable = [.. incapable.SelectMany(i => i.Steps).GroupBy(s => (s.Path, s.StepName, s.StepType))
                        .OrderBy(g => g.Key.Path, StringComparer.Ordinal)
                        .Select(g => new StepCapabilityCount { Path = g.Key.Path, StepName = g.Key.StepName, StepType = g.Key.StepType, Devices = g.Count() })],
                    Devices = [.. incapable.Select(i => i.Status)],
                };
            }).ToList();
        }).WithTags("Deployments").RequireAuthorization(AdminPolicies.Read);
        return app;
    }

    /// <summary>The targeted devices whose agent cannot run every enabled step, each with the reason its status shows.</summary>
    private static List<(DeviceDeploymentStatus Status, IReadOnlyList<UnrunnableStep> Steps)> CannotRun(
        Domain.Sequences.TaskSequence? sequence, HashSet<string> members, Dictionary<string, DeviceEntity> devices, Dictionary<string, string> latest)
    {
        var result = new List<(DeviceDeploymentStatus, IReadOnlyList<UnrunnableStep>)>();
        if (sequence is null)
        {
            return result;
        }

        foreach (var id in members.Order(StringComparer.Ordinal))
        {
            if (devices.TryGetValue(id, out var device) && DeviceCapabilityJudge.StepsThatCannotRun(sequence, device) is { Count: > 0 } steps)
            {
                result.Add((new DeviceDeploymentStatus
                {
                    DeviceId = id, DeviceName = device.Name, Status = latest.GetValueOrDefault(id, nameof(RunStatus.NotStarted)),
                    Reason = DeviceCapabilityJudge.Reason(steps),
                }, steps));
            }
        }

        return result;
    }
}
