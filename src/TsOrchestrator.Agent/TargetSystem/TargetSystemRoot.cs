using TsOrchestrator.Agent.Disks;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// The applied system the configuration steps write into: <c>OSDTargetSystemDrive</c>, as Apply Operating System
/// Image sets it, else the agent's target root. When the step before set <c>OSDTargetSystemPartition</c> and the folder
/// is no longer a mount of it (the agent restarted, the boot image lost its mounts), the partition is mounted there again.
/// Never the running system's root, nor a partition the running system has mounted elsewhere. Apply Operating System
/// Image sets both variables (<c>OSDTargetSystemPartition</c> is a Linux addition: the partition's device node).
/// </summary>
internal static class TargetSystemRoot
{
    public const string DriveVariable = "OSDTargetSystemDrive";
    public const string PartitionVariable = "OSDTargetSystemPartition";

    public static async Task<string> RequireAsync(StepContext context, string step, CancellationToken cancellationToken)
    {
        if (!context.Variables.TryGetValue(DriveVariable, out var drive) || drive.Trim().Length == 0)
        {
            if (context.Options.TargetRoot is not { Length: > 0 })
            {
                throw new StepFailedException($"{step} has no applied system to configure: {DriveVariable} is not set (run Apply Operating System Image first) and the agent has no target root (--target-root)");
            }

            return TargetRoots.Require(context, step);
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(drive.Trim()));
        if (root == Path.GetPathRoot(root))
        {
            throw new StepFailedException($"{DriveVariable} is {root}, the running system's root: refused, {step} writes only into an applied system");
        }

        if (context.Variables.TryGetValue(PartitionVariable, out var partition) && partition.Trim() is { Length: > 0 } device)
        {
            await MountAsync(root, device, context.Options.StateDirectory, context.Log, cancellationToken);
        }

        if (!Directory.Exists(root))
        {
            throw new StepFailedException($"the applied system {root} ({DriveVariable}) does not exist");
        }

        return root;
    }

    private static async Task MountAsync(string root, string device, string agentState, StepLog log, CancellationToken cancellationToken)
    {
        if (MountTable.At(root) is { } mounted)
        {
            if (!SameDevice(mounted.Source, device))
            {
                throw new StepFailedException($"{root} ({DriveVariable}) holds {mounted.Source}, not the applied system's partition {device} ({PartitionVariable})");
            }

            return;
        }

        if (!BlockDevices.IsBlockDevice(device))
        {
            throw new StepFailedException($"the applied system's partition {device} ({PartitionVariable}) is not on this device");
        }

        log.Line($"{root} is not mounted: mounting {device} there again");
        await TargetMounts.EnsureMountedAsync(device, root, log, cancellationToken, agentState);
    }

    /// <summary>The kernel names a device by its canonical node; the variable may hold a link to it (/dev/disk/by-uuid/...).</summary>
    private static bool SameDevice(string mounted, string device)
    {
        static string Canonical(string path) =>
            new FileInfo(path).LinkTarget is not null && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target ? target.FullName : path;

        return string.Equals(Canonical(mounted), Canonical(device), StringComparison.Ordinal);
    }
}
