using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.MaintenanceWindows;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;
using static TsOrchestrator.Server.Deployments.DeploymentApplicability;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// The one decision a device's check-in makes about its deployments (TS-SEMANTICS §5–6): which are offered, which one
/// starts, and for every other the reasons why not. The check-in acts on it and the "why isn't it running?" explainer
/// reports it, so the two cannot drift apart.
/// </summary>
public static class DeploymentDecision
{
    /// <summary>
    /// The verdicts in the deployments' order. At most one starts: the first due one, as the check-in starts it; every
    /// later one then sees that run as the device's active run.
    /// </summary>
    public static IReadOnlyList<DeploymentVerdict> Decide(DeviceDeploymentState state, IReadOnlyList<DeploymentCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(candidates);
        var active = state.ActiveRun;
        var verdicts = new List<DeploymentVerdict>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var verdict = Decide(state with { ActiveRun = active }, candidate);
            if (verdict.Starts)
            {
                active = ("(starting at this check-in)", candidate.Deployment.Id);
            }

            verdicts.Add(verdict);
        }

        return verdicts;
    }

    private static DeploymentVerdict Decide(DeviceDeploymentState state, DeploymentCandidate candidate)
    {
        var (deployment, device, now) = (candidate.Deployment, state.Device, state.Now);
        var reasons = new List<WhyNotReason>();
        if (!candidate.InCollection)
        {
            reasons.Add(Reason(WhyNotCodes.NotInCollection, $"device '{device.Name}' ({device.Id}) is not a member of collection '{deployment.CollectionId}'"));
        }

        if (candidate.Sequence is not { } sequence)
        {
            reasons.Add(Reason(WhyNotCodes.SequenceMissing, $"task sequence '{deployment.SequenceId}' no longer exists"));
            return Verdict(candidate, offered: false, alreadyRun: false, reasons, null, "never: the deployment's task sequence is gone");
        }

        reasons.AddRange(OfferBlockers(deployment, sequence, device, now, candidate.Batch));
        var offered = reasons.Count == 0;
        var required = deployment.Purpose == DeploymentPurpose.Required;
        var previous = candidate.Runs.Select(r => (r.Status, r.CreatedAt)).ToList();
        var due = ShouldStart(deployment, previous, now);
        var ownRun = state.ActiveRun is { } own && own.DeploymentId == deployment.Id;
        if (!required)
        {
            reasons.Add(Reason(WhyNotCodes.AvailableOnly, "an Available deployment starts when someone starts it on the device (Software Center)"));
        }
        else if (!due && !ownRun)
        {
            // A run of this deployment that is still going is the answer, not the rerun behaviour it will meet when it ends.
            reasons.Add(NotDue(candidate, previous, now));
        }

        if (state.ActiveRun is { } active)
        {
            reasons.Add(ownRun
                ? Reason(WhyNotCodes.Running, $"run {active.RunId} of this deployment is active on the device")
                : Reason(WhyNotCodes.AnotherRunActive, $"run {active.RunId} of deployment '{active.DeploymentId}' is active on the device: one run at a time"));
        }

        var windowsApply = required && !deployment.AllowOutsideMaintenanceWindow && !device.InBootMedia;
        var maximum = sequence.Advanced.MaximumRunTimeMinutes;
        if (windowsApply && !MaintenanceWindowSchedule.AllowsStart(state.Windows, maximum, now))
        {
            reasons.Add(Reason(WhyNotCodes.OutsideMaintenanceWindow, OutsideWindows(state.Windows, maximum, now)));
        }

        if (DeviceCapabilityJudge.Reason(DeviceCapabilityJudge.StepsThatCannotRun(sequence, device)) is { } cannot)
        {
            reasons.Add(Reason(WhyNotCodes.Capability, $"this device {cannot}"));
        }

        var alreadyRun = required && previous.Count > 0 && !due;
        if (reasons.Count == 0)
        {
            return Verdict(candidate, offered, alreadyRun, reasons, now, "at the device's next check-in");
        }

        var (runsAt, when) = WhenItRuns(state, candidate, reasons, previous, windowsApply, maximum);
        return Verdict(candidate, offered, alreadyRun, reasons, runsAt, when);
    }

    /// <summary>A required deployment that is not due: its assignment (or the batch's) is still ahead, or the device ran it and the rerun behaviour holds it.</summary>
    private static WhyNotReason NotDue(DeploymentCandidate candidate, List<(string Status, DateTimeOffset CreatedAt)> previous, DateTimeOffset now)
    {
        var deployment = candidate.Deployment;
        var assignment = deployment.AssignmentAt ?? deployment.CreatedAt;
        if (RecurrenceMath.LatestOccurrence(assignment, deployment.AssignmentRecurrence, deployment.AssignmentInterval, now) is not { } occurrence)
        {
            return candidate.Batch is { } batch
                ? Reason(WhyNotCodes.PhasedBatchNotReached, $"the device is in batch {batch.Batch + 1} of phase {deployment.Phase}, required from {Time(assignment)}")
                : Reason(WhyNotCodes.AssignmentNotReached, $"required from {Time(assignment)}");
        }

        var last = candidate.Runs.MaxBy(r => r.CreatedAt);
        if (candidate.LastRunFailedInProgramFirst)
        {
            return Reason(WhyNotCodes.RunFirstProgramFailed,
                $"the device's last run {last.RunId} failed in its \"run another program first\" step ({Time(last.CreatedAt)}); rerun behaviour {deployment.Rerun}");
        }

        var why = last.CreatedAt >= occurrence
            ? $"the device already ran the assignment of {Time(occurrence)}"
            : $"rerun behaviour {deployment.Rerun} does not run it again after a {last.Status} run";
        return Reason(WhyNotCodes.RerunBehavior, $"{why}: last run {last.RunId} {last.Status} at {Time(last.CreatedAt)} (rerun behaviour {deployment.Rerun})");
    }

    private static string OutsideWindows(IReadOnlyList<MaintenanceWindowEntity> windows, int maximum, DateTimeOffset now)
    {
        if (MaintenanceWindowFit.NextStart(windows, maximum, now) is { } next)
        {
            return $"outside every maintenance window long enough for the maximum run time of {maximum} min; the next that fits opens at {Time(next)}";
        }

        var longest = MaintenanceWindowFit.LongestOpen(windows, now, TimeSpan.FromMinutes(maximum));
        return $"no window is long enough: max run time {maximum} min > longest window {(int)longest.TotalMinutes} min";
    }

    /// <summary>
    /// When the reasons lift by the schedule as it stands: only the ones time lifts (availability, a batch, the
    /// assignment, a rerun at a later assignment, a maintenance window) have an answer, each found by the same
    /// decisions asked at a later moment.
    /// </summary>
    private static (DateTimeOffset? RunsAt, string When) WhenItRuns(DeviceDeploymentState state, DeploymentCandidate candidate, List<WhyNotReason> reasons,
        List<(string Status, DateTimeOffset CreatedAt)> previous, bool windowsApply, int maximum)
    {
        var timed = new HashSet<string>(StringComparer.Ordinal)
        {
            WhyNotCodes.NotYetAvailable, WhyNotCodes.PhasedBatchNotReached, WhyNotCodes.AssignmentNotReached, WhyNotCodes.RerunBehavior,
            WhyNotCodes.RunFirstProgramFailed, WhyNotCodes.OutsideMaintenanceWindow,
        };
        if (reasons.FirstOrDefault(r => !timed.Contains(r.Code)) is { } held)
        {
            return (null, held.Code is WhyNotCodes.Running or WhyNotCodes.AnotherRunActive
                ? "not while the active run lasts"
                : $"not until this changes: {held.Detail}");
        }

        var deployment = candidate.Deployment;
        var from = deployment.AvailableAt is { } available && available > state.Now ? available : state.Now;
        DateTimeOffset? due = from;
        while (due is { } at && !ShouldStart(deployment, previous, at))
        {
            due = RecurrenceMath.NextOccurrence(deployment.AssignmentAt ?? deployment.CreatedAt, deployment.AssignmentRecurrence, deployment.AssignmentInterval, at);
            if (due > state.Now + MaintenanceWindowFit.Horizon)
            {
                due = null;
            }
        }

        if (due is not { } start)
        {
            return (null, "never by this deployment's schedule and rerun behaviour");
        }

        if (windowsApply)
        {
            if (MaintenanceWindowFit.NextStart(state.Windows, maximum, start) is not { } opening)
            {
                return (null, "never: no maintenance window fits the maximum run time");
            }

            start = opening;
        }

        return deployment.ExpiresAt is { } expires && expires <= start
            ? (null, $"never: the deployment expires at {Time(expires)} before it would start")
            : (start, $"at the device's first check-in from {Time(start)}");
    }

    private static DeploymentVerdict Verdict(DeploymentCandidate candidate, bool offered, bool alreadyRun, List<WhyNotReason> reasons, DateTimeOffset? runsAt, string when) => new()
    {
        Candidate = candidate, Offered = offered, AlreadyRun = alreadyRun, Starts = reasons.Count == 0, Reasons = reasons, RunsAt = runsAt, When = when,
    };
}
