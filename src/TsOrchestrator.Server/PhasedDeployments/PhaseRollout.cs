using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// Begins a phase: an ordinary deployment of the sequence to the phase's collection, and the phase's devices
/// split into equal batches (ordered by device id), batch i available i days after the phase began and required
/// its deadline after that. The deployment's own times are the last batch's, which a device that joins the
/// collection later gets.
/// </summary>
public static class PhaseRollout
{
    public static async Task<DeploymentEntity?> BeginAsync(StoreContext store, PhasedDeploymentEntity phased, DeploymentPhaseEntity phase, TimeSpan day,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(phased);
        ArgumentNullException.ThrowIfNull(phase);
        // The phase's collection was checked when the phased deployment was created; an operator moving it on now
        // begins it whatever the collection's scopes have become since.
        if (await store.Collections.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(c => c.Id == phase.CollectionId, cancellationToken) is not { } collection)
        {
            return null;
        }

        var members = await CollectionMembership.MembersAsync(store, collection, cancellationToken);
        var batches = Math.Max(1, phase.GradualDays);
        DateTimeOffset AvailableAt(int batch) => now + (day * batch);
        DateTimeOffset? AssignmentAt(int batch) => phase.Purpose == DeploymentPurpose.Required ? AvailableAt(batch) + (day * phase.DeadlineDays) : null;

        var deployment = new DeploymentEntity
        {
            Id = "DEP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            SequenceId = phased.SequenceId,
            CollectionId = collection.Id,
            Purpose = phase.Purpose,
            AvailableAt = AvailableAt(batches - 1),
            AssignmentAt = AssignmentAt(batches - 1),
            Scopes = phased.Scopes,
            CreatedAt = now,
            PhasedDeploymentId = phased.Id,
            Phase = phase.Number,
        };
        store.Deployments.Add(deployment);
        for (var i = 0; i < members.Count; i++)
        {
            var batch = i * batches / members.Count;
            store.DeploymentBatches.Add(new DeploymentBatchEntity
            {
                DeploymentId = deployment.Id, DeviceId = members[i].Id, Batch = batch, AvailableAt = AvailableAt(batch), AssignmentAt = AssignmentAt(batch),
            });
        }

        phase.DeploymentId = deployment.Id;
        phase.StartedAt = now;
        phased.CurrentPhase = phase.Number;
        return deployment;
    }
}
