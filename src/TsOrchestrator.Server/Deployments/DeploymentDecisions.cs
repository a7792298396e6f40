using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// Reads from the store what <see cref="DeploymentDecision"/> decides by for one device, for its check-in and for the
/// explainer alike.
/// </summary>
public sealed class DeploymentDecisions(StoreContext store, SequenceVersionCache versions)
{
    // Compiled: each device's check-in makes these reads, a fleet's thousands of times a minute.
    private static readonly CompiledStoreListQuery<List<string>, MaintenanceWindowEntity> WindowsOf = new((store, collections) =>
        store.MaintenanceWindows.AsNoTracking().Where(w => collections.Contains(w.CollectionId)));

    private static readonly CompiledStoreListQuery<List<string>, DeploymentEntity> DeploymentsTo = new((store, collections) =>
        store.Deployments.AsNoTracking().Where(d => collections.Contains(d.CollectionId)).OrderBy(d => d.CreatedAt));

    private static readonly CompiledStoreListQuery<List<string>, TaskSequenceEntity> SequencesNamed = new((store, ids) =>
        store.TaskSequences.AsNoTracking().Where(s => ids.Contains(s.Id)));

    /// <summary>
    /// The device's state and the deployments to its collections, oldest first; <paramref name="alsoDeploymentId"/>, when it
    /// targets another collection, is weighed last (the explainer asking about a device outside its collection).
    /// </summary>
    public async Task<(DeviceDeploymentState State, List<DeploymentCandidate> Candidates)> LoadAsync(DeviceEntity device, DateTimeOffset now,
        string? alsoDeploymentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var memberOf = await CollectionMembership.OfDeviceAsync(store, device, cancellationToken);
        var collections = memberOf.Select(c => c.Id).ToList();
        var windows = await WindowsOf.ToListAsync(store, collections, cancellationToken);
        var deployments = await DeploymentsTo.ToListAsync(store, collections, cancellationToken);
        if (alsoDeploymentId is not null && deployments.All(d => d.Id != alsoDeploymentId) &&
            await store.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == alsoDeploymentId, cancellationToken) is { } outside)
        {
            deployments.Add(outside);
        }

        var ids = deployments.Select(d => d.Id).ToList();
        var phased = deployments.Where(d => d.PhasedDeploymentId is not null).Select(d => d.Id).ToList();
        var batches = phased.Count == 0 ? [] :
            await store.DeploymentBatches.AsNoTracking().Where(b => b.DeviceId == device.Id && phased.Contains(b.DeploymentId)).ToListAsync(cancellationToken);
        // The device's active run and its runs of these deployments in one read; and every candidate's sequence in one
        // more: a fleet told to check in at once makes these reads together, so each one saved counts a thousand times.
        var seen = await store.Runs.AsNoTracking().Where(r => r.DeviceId == device.Id && (RunStatuses.Open.Contains(r.Status) || ids.Contains(r.DeploymentId!)))
            .Select(r => new { r.Id, r.DeploymentId, r.Status, r.CreatedAt }).ToListAsync(cancellationToken);
        var active = seen.Where(r => RunStatuses.Open.Contains(r.Status)).OrderBy(r => r.CreatedAt).FirstOrDefault();
        var runs = seen.Where(r => r.DeploymentId is { } id && ids.Contains(id)).ToList();
        var sequenceIds = deployments.Select(d => d.SequenceId).Distinct().ToList();
        var entities = sequenceIds.Count == 0 ? [] :
            (await SequencesNamed.ToListAsync(store, sequenceIds, cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var candidates = new List<DeploymentCandidate>(deployments.Count);
        foreach (var deployment in deployments)
        {
            // A phase of a phased deployment reaches each device with its batch's times (gradual rollout); the
            // deployments are untracked copies, so the device's times replace the deployment's for this decision only.
            var batch = batches.FirstOrDefault(b => b.DeploymentId == deployment.Id);
            if (batch is not null)
            {
                deployment.AvailableAt = batch.AvailableAt;
                deployment.AssignmentAt = batch.AssignmentAt;
            }

            var entity = entities.GetValueOrDefault(deployment.SequenceId);
            var sequence = entity is null ? null : await versions.LatestAsync(store, entity, cancellationToken);
            var own = runs.Where(r => r.DeploymentId == deployment.Id).Select(r => (r.Id, r.Status, r.CreatedAt)).ToList();
            candidates.Add(new DeploymentCandidate
            {
                Deployment = deployment, Sequence = sequence, SequenceEntity = entity, HighImpact = entity?.HighImpact ?? false, Batch = batch,
                InCollection = collections.Contains(deployment.CollectionId), Runs = own,
                LastRunFailedInProgramFirst = await FailedInProgramFirstAsync(sequence, own, cancellationToken),
            });
        }

        return (new DeviceDeploymentState
        {
            Device = device, Windows = windows, ActiveRun = active is null ? null : (active.Id, active.DeploymentId), Now = now, Collections = memberOf,
        }, candidates);
    }

    /// <summary>Only asked of a device whose latest run failed, for a sequence with a program first: rare enough for the check-in path.</summary>
    private async Task<bool> FailedInProgramFirstAsync(Domain.Sequences.TaskSequence? sequence, List<(string Id, string Status, DateTimeOffset CreatedAt)> runs,
        CancellationToken cancellationToken)
    {
        if (sequence?.Advanced.RunAnotherProgramFirst is not { } first || runs.Count == 0 || runs.MaxBy(r => r.CreatedAt) is not { Status: nameof(RunStatus.Failed) } last)
        {
            return false;
        }

        var name = RunRuntime.ProgramFirstStepName(first);
        var failed = nameof(ActivityOutcome.Failed);
        return await store.RunHistory.AsNoTracking().AnyAsync(h => h.RunId == last.Id && h.Name == name && h.Outcome == failed, cancellationToken);
    }
}
