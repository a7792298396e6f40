using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// One evaluation of a phased deployment: the current phase's figures; the halt criterion (suspend, with the
/// figures as the reason); the success criteria (noted once, the deferral counts from then); and the next phase
/// begun once the deferral has passed, or the whole completed after the last phase.
/// </summary>
public sealed partial class PhasedDeploymentEvaluator(StoreContext store, PhasedDeploymentService service, AuditLog audit, IOptions<PhasedDeploymentOptions> options,
    TimeProvider clock, ILogger<PhasedDeploymentEvaluator> logger)
{
    /// <summary>The actor the evaluation's own changes are audited under.</summary>
    public static readonly Caller Evaluation = new("phased-deployment-evaluation", "phased deployment evaluation", "", new HashSet<string>(StringComparer.Ordinal) { "*" });

    /// <summary>Evaluates once; false when there is nothing left to evaluate (completed or deleted), so the job can stop.</summary>
    public async Task<bool> EvaluateAsync(string id, CancellationToken cancellationToken)
    {
        var phased = await store.PhasedDeployments.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (phased is null || phased.Status == PhasedDeploymentStatus.Completed)
        {
            return false;
        }

        if (phased.Status != PhasedDeploymentStatus.Active)
        {
            return true;
        }

        var phases = await store.DeploymentPhases.Where(p => p.PhasedDeploymentId == id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        if (phases.Count < phased.CurrentPhase)
        {
            // Deleted between the two reads (the delete commits the phased deployment and its phases together): nothing
            // is left to evaluate. Anything saved from here on would touch rows that are gone and be refused anyway.
            return false;
        }

        var current = phases[phased.CurrentPhase - 1];
        var progress = await PhaseProgress.OfAsync(store, current, phased.ResumedAt, cancellationToken);
        var now = clock.GetUtcNow();
        if (phased.HaltFailurePercent is { } halt && progress.FailedSincePercent > halt)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"halted: {progress.FailedSince} of phase {current.Number}'s {progress.Devices} devices failed ({progress.FailedSincePercent:0.#}%), above the halt criterion of {halt}%");
            await service.SuspendAsync(phased, Evaluation, reason, cancellationToken);
            LogHalted(logger, id, reason);
            return true;
        }

        if (current.CriteriaMetAt is null && progress.SucceededPercent >= current.SuccessPercent)
        {
            current.CriteriaMetAt = now;
            audit.Record(Evaluation, "criteria-met", PhasedDeploymentService.ObjectType, id, phased.ConcurrencyVersion, phased.ConcurrencyVersion,
                string.Create(CultureInfo.InvariantCulture, $"phase {current.Number}: {progress.Succeeded} of {progress.Devices} devices succeeded ({progress.SucceededPercent:0.#}%, criteria {current.SuccessPercent}%)"));
        }

        if (current.CriteriaMetAt is { } met)
        {
            if (current.Number == phases.Count)
            {
                var before = phased.ConcurrencyVersion++;
                phased.Status = PhasedDeploymentStatus.Completed;
                audit.Record(Evaluation, "complete", PhasedDeploymentService.ObjectType, id, before, phased.ConcurrencyVersion, $"the last phase ({current.Number}) met its success criteria");
            }
            else if (current.BeginNext == PhaseBeginCriteria.Automatic && now >= met + (options.Value.Day * current.DeferralDays))
            {
                await service.BeginAsync(phased, phases[current.Number], Evaluation, "next-phase", cancellationToken);
                return true;
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return phased.Status != PhasedDeploymentStatus.Completed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phased deployment {PhasedDeploymentId} suspended itself: {Reason}")]
    private static partial void LogHalted(ILogger logger, string phasedDeploymentId, string reason);
}
