using TsOrchestrator.Agent.Disks;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// The system Apply Operating System Image applied, as the steps after it find it: <c>OSDTargetSystemDrive</c> holds
/// the folder it was applied to (ConfigMgr's drive letter) and, when it went to a partition,
/// <c>OSDTargetSystemPartition</c> the partition's device node (a Linux addition). Apply Windows/Network Settings,
/// the driver steps and Setup Operating System call <see cref="EnsureMountedAsync"/>: after an agent restart (or a
/// power loss) the partition is no longer mounted, and it is mounted again where the variable says.
/// </summary>
internal static class TargetSystem
{
    public const string DriveVariable = "OSDTargetSystemDrive";
    public const string PartitionVariable = "OSDTargetSystemPartition";

    /// <summary>The target system's folder, its partition mounted there first if it is not.</summary>
    public static async Task<string> EnsureMountedAsync(StepContext context, CancellationToken cancellationToken)
    {
        var drive = context.Variables.TryGetValue(DriveVariable, out var value) ? value.Trim() : "";
        var partition = context.Variables.TryGetValue(PartitionVariable, out var node) ? node.Trim() : "";
        if (drive.Length == 0)
        {
            throw new StepFailedException($"there is no target system: {DriveVariable} is not set (run Apply Operating System Image first)");
        }

        if (partition.Length > 0)
        {
            return await TargetMounts.EnsureMountedAsync(partition, drive, context.Log, cancellationToken, context.Options.StateDirectory);
        }

        return Directory.Exists(drive) ? drive : throw new StepFailedException($"the target system's folder {drive} ({DriveVariable}) does not exist");
    }
}
