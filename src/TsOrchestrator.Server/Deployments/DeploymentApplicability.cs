using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>Whether a deployment applies to a device now (TS-SEMANTICS §5–6).</summary>
public static class DeploymentApplicability
{
    public static bool IsOffered(DeploymentEntity deployment, TaskSequence sequence, DeviceEntity device, DateTimeOffset now) =>
        OfferBlockers(deployment, sequence, device, now, batch: null).Count == 0;

    /// <summary>
    /// What keeps the deployment from being offered to the device now, each with what an operator reads (none: it is
    /// offered). This is the offer decision itself, so the check-in and the "why" explainer cannot disagree.
    /// </summary>
    public static List<WhyNotReason> OfferBlockers(DeploymentEntity deployment, TaskSequence sequence, DeviceEntity device, DateTimeOffset now, DeploymentBatchEntity? batch)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(device);
        var reasons = new List<WhyNotReason>();
        if (!deployment.Enabled)
        {
            reasons.Add(Reason(WhyNotCodes.DeploymentDisabled, deployment.PhasedDeploymentId is { } phased
                ? $"phase {deployment.Phase} of phased deployment '{phased}' is suspended (its deployment is disabled)"
                : "the deployment is disabled"));
        }

        if (!sequence.Enabled)
        {
            reasons.Add(Reason(WhyNotCodes.SequenceDisabled, $"task sequence '{sequence.Name}' ({sequence.Id}) is disabled"));
        }

        if (deployment.AvailableAt is { } available && available > now)
        {
            reasons.Add(batch is not null
                ? Reason(WhyNotCodes.PhasedBatchNotReached, $"the device is in batch {batch.Batch + 1} of phase {deployment.Phase}, available from {Time(available)}")
                : Reason(WhyNotCodes.NotYetAvailable, $"not available until {Time(available)}"));
        }

        if (deployment.ExpiresAt is { } expires && expires <= now)
        {
            reasons.Add(Reason(WhyNotCodes.Expired, $"the deployment expired at {Time(expires)}"));
        }

        if (!ReachesStartOf(deployment, device))
        {
            reasons.Add(Reason(WhyNotCodes.NotAvailableToEnvironment, device.InBootMedia
                ? "the device runs the boot image and the deployment is made available to clients only"
                : "the deployment is made available to media and PXE only and the device runs its full OS"));
        }

        if (!device.InBootMedia && !PlatformAllows(sequence.Advanced, device))
        {
            var platforms = string.Join(", ", sequence.Advanced.Platforms.Select(p => string.Join(" ", new[] { p.Os, p.Version, p.Architecture }.OfType<string>())));
            reasons.Add(Reason(WhyNotCodes.Platform, $"the sequence runs only on {platforms}; the device is {device.Os} {device.OsVersion} {device.Architecture}"));
        }

        return reasons;
    }

    internal static WhyNotReason Reason(string code, string detail) => new() { Code = code, Detail = detail };

    /// <summary>How a time reads in a reason: UTC, to the minute (what schedules are set to).</summary>
    internal static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Make available to: a device in the boot image sees media and PXE deployments, one in its OS client deployments.</summary>
    public static bool ReachesStartOf(DeploymentEntity deployment, DeviceEntity device)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(device);
        return device.InBootMedia
            ? deployment.AvailableTo != DeploymentAvailability.Clients
            : deployment.AvailableTo != DeploymentAvailability.MediaAndPxeOnly;
    }

    /// <summary>
    /// Whether a required deployment starts on a device now. Each assignment occurrence (the assignment
    /// time, or the deployment's creation for "as soon as possible", repeating on its recurrence) runs at
    /// most once; a device that ran an earlier occurrence runs again per the rerun behaviour.
    /// </summary>
    public static bool ShouldStart(DeploymentEntity deployment, IReadOnlyList<(string Status, DateTimeOffset CreatedAt)> previousRuns, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(previousRuns);
        if (deployment.Purpose != DeploymentPurpose.Required ||
            RecurrenceMath.LatestOccurrence(deployment.AssignmentAt ?? deployment.CreatedAt, deployment.AssignmentRecurrence, deployment.AssignmentInterval, now) is not { } occurrence)
        {
            return false;
        }

        if (previousRuns.Count == 0)
        {
            return true;
        }

        var last = previousRuns.MaxBy(r => r.CreatedAt);
        return last.CreatedAt < occurrence && deployment.Rerun switch
        {
            RerunBehavior.NeverRerun => false,
            RerunBehavior.AlwaysRerun => true,
            RerunBehavior.RerunIfFailed => last.Status is nameof(RunStatus.Failed) or nameof(RunStatus.Cancelled) or nameof(RunStatus.TimedOut),
            RerunBehavior.RerunIfSucceeded => last.Status == nameof(RunStatus.Succeeded),
            _ => false,
        };
    }

    /// <summary>Platform restrictions: any, or one listed platform matching OS, version prefix and architecture.</summary>
    public static bool PlatformAllows(AdvancedProperties advanced, DeviceEntity device)
    {
        ArgumentNullException.ThrowIfNull(advanced);
        ArgumentNullException.ThrowIfNull(device);
        return advanced.RunOnAnyPlatform || advanced.Platforms.Any(p =>
            string.Equals(p.Os, device.Os, StringComparison.OrdinalIgnoreCase) &&
            (p.Version is null || device.OsVersion.StartsWith(p.Version, StringComparison.OrdinalIgnoreCase)) &&
            (p.Architecture is null || string.Equals(p.Architecture, device.Architecture, StringComparison.OrdinalIgnoreCase)));
    }
}
