using TsOrchestrator.Domain.Sequences;
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
               (device.InBootMedia || PlatformAllows(sequence.Advanced, device));
    }

    /// <summary>Required deployments start once their assignment time has come (or at once, as soon as possible).</summary>
    public static bool IsDue(DeploymentEntity deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Purpose == DeploymentPurpose.Required && (deployment.AssignmentAt is null || deployment.AssignmentAt <= now);
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
