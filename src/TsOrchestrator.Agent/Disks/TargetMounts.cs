using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// The agent's own mount points for the partitions its steps write to: each under the agent's mount root
/// (<c>--mount-root</c>, default /run/tsorch/targets) in a folder named for the partition (<c>loop7p2</c>, <c>vda2</c>).
/// </summary>
internal static class TargetMounts
{
    public static string Root(AgentOptions options) => Path.GetFullPath(options.MountRoot);

    public static string PathFor(AgentOptions options, string partition) =>
        Path.Combine(Root(options), BlockDevices.SysName(partition) ?? Path.GetFileName(partition));

    /// <summary>
    /// Mounts <paramref name="partition"/> at <paramref name="mountPoint"/> unless it is mounted there already. Mounted
    /// elsewhere, it is refused, unless that mount holds the agent's own state (<paramref name="agentState"/>) in
    /// _SMSTaskSequence: the boot image keeps the run there on the target partition, as Configuration Manager does.
    /// </summary>
    public static async Task<string> EnsureMountedAsync(string partition, string mountPoint, StepLog log, CancellationToken cancellationToken, string? agentState = null)
    {
        if (!BlockDevices.IsBlockDevice(partition))
        {
            throw new StepFailedException($"{partition} is not a partition on this device");
        }

        var node = Path.GetFullPath(partition);
        var mounted = MountsOf(node);
        if (mounted.Any(m => m.MountPoint == mountPoint))
        {
            return mountPoint;
        }

        // A partition the running system uses (its root, a data volume) is never a target.
        if (mounted.FirstOrDefault(m => !HoldsAgentState(m.MountPoint, agentState)) is { MountPoint: { } elsewhere })
        {
            throw new StepFailedException($"{node} is in use (mounted on {elsewhere}): refused, it is not a partition the agent may write an image to");
        }

        Directory.CreateDirectory(mountPoint);
        await SystemTool.RunAsync("mount", "mount", [node, mountPoint], log, cancellationToken);
        log.Line($"mounted {node} at {mountPoint}");
        return mountPoint;
    }

    /// <summary>True when the partition is mounted somewhere other than under the agent's mount root.</summary>
    public static bool InUseElsewhere(AgentOptions options, string partition) =>
        MountsOf(partition).Any(m => !TargetRoots.IsAtOrUnder(m.MountPoint, Root(options)) && !HoldsAgentState(m.MountPoint, options.StateDirectory));

    /// <summary>
    /// The mount is the one the boot image's init made for the agent's state folder, <c>&lt;mount&gt;/_SMSTaskSequence/…</c>.
    /// Only that layout counts: a running system's root holds the agent's state too, and is never a target.
    /// </summary>
    private static bool HoldsAgentState(string mountPoint, string? agentState) =>
        agentState is not null && TargetRoots.IsAtOrUnder(Path.GetFullPath(agentState), Path.Combine(mountPoint, ImageApplier.TaskSequenceFolder));

    private static List<(string Source, string MountPoint)> MountsOf(string partition)
    {
        var name = BlockDevices.SysName(partition);
        return BlockDevices.MountsOn(partition).Where(m => BlockDevices.SysName(m.Source) == name).ToList();
    }

    /// <summary>Unmounts what the agent mounted on <paramref name="disk"/>; anything else mounted there fails the step.</summary>
    public static async Task ReleaseDiskAsync(AgentOptions options, string disk, string field, StepLog log, CancellationToken cancellationToken)
    {
        var root = Root(options);
        var mounts = BlockDevices.MountsOn(disk);
        var foreign = mounts.Where(m => !TargetRoots.IsAtOrUnder(m.MountPoint, root)).ToList();
        if (foreign.Count > 0)
        {
            throw new StepFailedException(
                $"{field}: {disk} is in use ({string.Join(", ", foreign.Select(m => $"{m.Source} on {m.MountPoint}"))}): refused, the step would wipe a mounted file system");
        }

        // Deepest first, so that nothing is left mounted over a folder of another.
        foreach (var mount in mounts.OrderByDescending(m => m.MountPoint.Length))
        {
            await SystemTool.RunAsync("umount", "mount", [mount.MountPoint], log, cancellationToken);
            log.Line($"unmounted {mount.Source} from {mount.MountPoint}");
        }
    }
}
