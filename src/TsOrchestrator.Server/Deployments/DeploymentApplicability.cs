using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>Whether a deployment applies to a device now (TS-SEMANTICS §5–6).</summary>
public static class DeploymentApplicability
{
    public static bool IsOffered(DeploymentEntity deployment, TaskSequence sequence, DeviceEntity device, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(device);
        return deployment.Enabled && sequence.Enabled &&
               (deployment.AvailableAt is null || deployment.AvailableAt <= now) &&
               (deployment.ExpiresAt is null || deployment.ExpiresAt > now) &&
               ReachesStartOf(deployment, device) &&
               (device.InBootMedia || PlatformAllows(sequence.Advanced, device));
    }

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
