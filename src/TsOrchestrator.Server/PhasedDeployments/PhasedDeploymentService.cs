using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>Creating a phased deployment and the operator's moves: next phase, suspend, resume (TS-SEMANTICS §6).</summary>
public sealed partial class PhasedDeploymentService(StoreContext store, AuditLog audit, HighRiskVerification highRisk, PhasedDeploymentSchedule schedule,
    IOptions<PhasedDeploymentOptions> options, TimeProvider clock, ILogger<PhasedDeploymentService> logger)
{
    public const string ObjectType = "PhasedDeployment";

    public async Task<PhasedDeploymentEntity> CreateAsync(CreatePhasedDeploymentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var sequence = await store.TaskSequences.AsNoTracking().ReferencedAsync(request.SequenceId, "sequenceId", "task sequence", cancellationToken);
        if (request.Phases is not { Count: >= 2 } requested)
        {
            throw Problem.BadRequest("phases", "a phased deployment has two or more phases");
        }

        if (request.HaltFailurePercent is < 0 or > 99)
        {
            throw Problem.BadRequest("haltFailurePercent", "the halt criterion is a failure percentage from 0 to 99");
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{sequence.Name} phased" : request.Name.Trim();
        if (name.Length > 100)
        {
            throw Problem.BadRequest("name", "a name has at most 100 characters");
        }

        await Deployments.DeployableContent.RequireAsync(store, sequence, cancellationToken);
        var phased = new PhasedDeploymentEntity
        {
            Id = "PHD" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Name = name,
            SequenceId = sequence.Id,
            HaltFailurePercent = request.HaltFailurePercent,
            Scopes = sequence.Scopes,
            CreatedAt = clock.GetUtcNow(),
        };
        var phases = new List<DeploymentPhaseEntity>();
        var confirmations = new List<string>();
        for (var i = 0; i < requested.Count; i++)
        {
            var (phase, confirmed) = await PhaseAsync(phased.Id, i, requested[i], sequence, request.ConfirmHighRisk, cancellationToken);
            if (phases.Any(p => p.CollectionId == phase.CollectionId))
            {
                throw Problem.BadRequest($"phases[{i}].collectionId", $"collection '{phase.CollectionId}' is already phase {phases.First(p => p.CollectionId == phase.CollectionId).Number}: each phase has its own collection");
            }

            phases.Add(phase);
            if (confirmed is not null)
            {
                confirmations.Add(confirmed);
            }
        }

        store.PhasedDeployments.Add(phased);
        store.DeploymentPhases.AddRange(phases);
        await PhaseRollout.BeginAsync(store, phased, phases[0], options.Value.Day, phased.CreatedAt, cancellationToken);
        audit.Record(caller, "create", ObjectType, phased.Id, null, phased.ConcurrencyVersion,
            $"{sequence.Id} in {phases.Count} phases ({string.Join(", ", phases.Select(p => p.CollectionId))}); phase 1 began as {phases[0].DeploymentId}"
            + string.Concat(confirmations.Select(c => $"; {c}")));
        await store.SaveChangesAsync(cancellationToken);
        await schedule.ScheduleAsync(phased.Id, cancellationToken);
        return phased;
    }

    public async Task<PhasedDeploymentEntity> MoveToNextPhaseAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var phased = await FindAsync(id, cancellationToken);
        if (phased.Status != PhasedDeploymentStatus.Active)
        {
            throw Problem.Conflict($"phased deployment '{id}' is {phased.Status}: only an active one moves to its next phase{(phased.Status == PhasedDeploymentStatus.Suspended ? " (resume it first)" : "")}");
        }

        var next = await store.DeploymentPhases.FirstOrDefaultAsync(p => p.PhasedDeploymentId == id && p.Number == phased.CurrentPhase + 1, cancellationToken)
            ?? throw Problem.Conflict($"phase {phased.CurrentPhase} is the last phase of '{id}'");
        await BeginAsync(phased, next, caller, "next-phase", cancellationToken);
        return phased;
    }

    /// <summary>
    /// Begins a phase and saves; the evaluation job calls it for an automatic begin, an operator for a manual one.
    /// The phase is verified again first: a collection that has grown past the site's maximum, or that now holds
    /// servers the site blocks, since the phased deployment was created does not get it; the phased deployment
    /// suspends itself instead, saying why. (Confirmation given at creation still stands.)
    /// </summary>
    internal async Task BeginAsync(PhasedDeploymentEntity phased, DeploymentPhaseEntity next, Caller caller, string action, CancellationToken cancellationToken)
    {
        var before = phased.ConcurrencyVersion++;
        if (await WhyNotBeginAsync(phased, next, cancellationToken) is { } refusal)
        {
            phased.Status = PhasedDeploymentStatus.Suspended;
            phased.SuspendReason = $"phase {next.Number} could not begin: {refusal}";
            audit.Record(caller, "suspend", ObjectType, phased.Id, before, phased.ConcurrencyVersion, phased.SuspendReason);
        }
        else
        {
            await PhaseRollout.BeginAsync(store, phased, next, options.Value.Day, clock.GetUtcNow(), cancellationToken);
            audit.Record(caller, action, ObjectType, phased.Id, before, phased.ConcurrencyVersion, $"phase {next.Number} began as {next.DeploymentId} to {next.CollectionId}");
        }

        await SaveAsync(phased.Id, cancellationToken);
    }

    private async Task<string?> WhyNotBeginAsync(PhasedDeploymentEntity phased, DeploymentPhaseEntity next, CancellationToken cancellationToken)
    {
        if (await store.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == next.CollectionId, cancellationToken) is not { } collection)
        {
            return $"collection '{next.CollectionId}' no longer exists";
        }

        var sequence = await store.TaskSequences.AsNoTracking().FirstAsync(s => s.Id == phased.SequenceId, cancellationToken);
        try
        {
            await highRisk.VerifyAsync(sequence, collection, next.Purpose, confirmed: true, "collectionId", cancellationToken);
            return null;
        }
        catch (ApiProblemException refused)
        {
            return refused.Message;
        }
    }

    public async Task<PhasedDeploymentEntity> SuspendAsync(string id, Caller caller, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var phased = await FindAsync(id, cancellationToken);
        if (phased.Status != PhasedDeploymentStatus.Active)
        {
            throw Problem.Conflict($"phased deployment '{id}' is {phased.Status}: only an active one can be suspended");
        }

        await SuspendAsync(phased, caller, reason, cancellationToken);
        return phased;
    }

    /// <summary>Suspends and saves: the current phase's deployment is disabled, so no device starts it, and the reason kept.</summary>
    internal async Task SuspendAsync(PhasedDeploymentEntity phased, Caller caller, string reason, CancellationToken cancellationToken)
    {
        var before = phased.ConcurrencyVersion++;
        phased.Status = PhasedDeploymentStatus.Suspended;
        phased.SuspendReason = reason;
        await SetCurrentDeploymentEnabledAsync(phased, enabled: false, cancellationToken);
        audit.Record(caller, "suspend", ObjectType, phased.Id, before, phased.ConcurrencyVersion, reason);
        await SaveAsync(phased.Id, cancellationToken);
    }

    public async Task<PhasedDeploymentEntity> ResumeAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var phased = await FindAsync(id, cancellationToken);
        if (phased.Status != PhasedDeploymentStatus.Suspended)
        {
            throw Problem.Conflict($"phased deployment '{id}' is {phased.Status}: only a suspended one can be resumed");
        }

        var before = phased.ConcurrencyVersion++;
        phased.Status = PhasedDeploymentStatus.Active;
        phased.SuspendReason = null;
        phased.ResumedAt = clock.GetUtcNow();
        await SetCurrentDeploymentEnabledAsync(phased, enabled: true, cancellationToken);
        audit.Record(caller, "resume", ObjectType, phased.Id, before, phased.ConcurrencyVersion);
        await SaveAsync(phased.Id, cancellationToken);
        await schedule.ScheduleAsync(phased.Id, cancellationToken);
        return phased;
    }

    /// <summary>
    /// Removes the phased deployment with every phase's deployment and batches, and stops its evaluation. The delete
    /// carries no version the operator read, so it wins over an evaluation saving at the same moment (a phase begun,
    /// a halt, the completion): when that save lands between this one's reads and its save, the rows are read again
    /// and what is there now is deleted, the phase just begun included, instead of answering 409.
    /// </summary>
    public async Task DeleteAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await RemoveAsync(id, caller, cancellationToken);
            try
            {
                await store.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                store.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Problem.Conflict($"phased deployment '{id}' kept changing while it was being deleted (its evaluation); retry");
            }
        }

        try
        {
            await schedule.UnscheduleAsync(id, cancellationToken);
        }
        catch (Quartz.SchedulerException e)
        {
            // The delete is committed; its trigger, left behind, finds nothing to evaluate and removes itself.
            LogTriggerLeft(logger, e, id);
        }
    }

    private async Task RemoveAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var phased = await FindAsync(id, cancellationToken);
        var deployments = await store.Deployments.Where(d => d.PhasedDeploymentId == id).ToListAsync(cancellationToken);
        var deploymentIds = deployments.Select(d => d.Id).ToList();
        store.DeploymentBatches.RemoveRange(await store.DeploymentBatches.Where(b => deploymentIds.Contains(b.DeploymentId)).ToListAsync(cancellationToken));
        store.Deployments.RemoveRange(deployments);
        store.DeploymentPhases.RemoveRange(await store.DeploymentPhases.Where(p => p.PhasedDeploymentId == id).ToListAsync(cancellationToken));
        store.PhasedDeployments.Remove(phased);
        audit.Record(caller, "delete", ObjectType, id, phased.ConcurrencyVersion, null, deploymentIds.Count == 0 ? null : $"with {string.Join(", ", deploymentIds)}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phased deployment {PhasedDeploymentId} was deleted; its evaluation trigger could not be removed now and will remove itself")]
    private static partial void LogTriggerLeft(ILogger logger, Exception exception, string phasedDeploymentId);

    public Task<PhasedDeploymentEntity> FindAsync(string id, CancellationToken cancellationToken) =>
        store.PhasedDeployments.FoundAsync(id, "Phased deployment", cancellationToken);

    private async Task SetCurrentDeploymentEnabledAsync(PhasedDeploymentEntity phased, bool enabled, CancellationToken cancellationToken)
    {
        var deployment = await store.Deployments.FirstOrDefaultAsync(d => d.PhasedDeploymentId == phased.Id && d.Phase == phased.CurrentPhase, cancellationToken);
        if (deployment is not null && deployment.Enabled != enabled)
        {
            deployment.Enabled = enabled;
            deployment.ConcurrencyVersion++;
        }
    }

    private async Task SaveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Problem.Conflict($"phased deployment '{id}' changed meanwhile (an operator or its evaluation); read it again and retry");
        }
    }

    private async Task<(DeploymentPhaseEntity Phase, string? Confirmed)> PhaseAsync(string phasedId, int index, PhaseSettings? settings, TaskSequenceEntity sequence,
        bool confirmHighRisk, CancellationToken cancellationToken)
    {
        var field = $"phases[{index}]";
        if (settings is null)
        {
            throw Problem.BadRequest(field, "a phase needs its settings");
        }

        var collection = await store.Collections.AsNoTracking().ReferencedAsync(settings.CollectionId, $"{field}.collectionId", "collection", cancellationToken);
        var phase = new DeploymentPhaseEntity
        {
            PhasedDeploymentId = phasedId,
            Number = index + 1,
            CollectionId = collection.Id,
            SuccessPercent = InRange(settings.SuccessPercent ?? 95, 1, 100, $"{field}.successPercent", "the success criteria is a percentage from 1 to 100"),
            BeginNext = DeploymentsApi.Parse<PhaseBeginCriteria>(settings.BeginNext ?? nameof(PhaseBeginCriteria.Automatic), $"{field}.beginNext"),
            DeferralDays = InRange(settings.DeferralDays ?? 1, 0, 30, $"{field}.deferralDays", "the next phase begins 0 to 30 days after the criteria are met"),
            Purpose = DeploymentsApi.Parse<DeploymentPurpose>(settings.Purpose ?? nameof(DeploymentPurpose.Required), $"{field}.purpose"),
            GradualDays = InRange(settings.GradualDays ?? 0, 0, 30, $"{field}.gradualDays", "a gradual rollout lasts 0 to 30 days"),
            DeadlineDays = InRange(settings.DeadlineDays ?? 7, 0, 30, $"{field}.deadlineDays", "the deadline is 0 (as soon as possible) to 30 days after availability"),
        };
        var confirmed = await highRisk.VerifyAsync(sequence, collection, phase.Purpose, confirmHighRisk, $"{field}.collectionId", cancellationToken);
        return (phase, confirmed);
    }

    private static int InRange(int value, int min, int max, string field, string message) =>
        value >= min && value <= max ? value : throw Problem.BadRequest(field, $"{message}; {value} is not");
}
