using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>What the boot loader and fstab need of the disks: a partition's disk, a disk's partitions, and blkid's facts of each.</summary>
internal static class BlockDevices
{
    /// <summary>The ESP's partition type: a GUID on a GPT disk, 0xef on an MBR one.</summary>
    private const string EspGuid = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";

    /// <summary>The whole disk a partition is on (<c>/dev/vda2</c> → <c>/dev/vda</c>, <c>/dev/loop3p1</c> → <c>/dev/loop3</c>).</summary>
    public static string DiskOf(string partition)
    {
        var name = KernelName(partition);
        var sys = $"/sys/class/block/{name}";
        if (!File.Exists(Path.Combine(sys, "partition")))
        {
            throw new StepFailedException($"{partition} is not a partition of a disk: the boot loader goes to the disk the applied system's partition is on");
        }

        var parent = Directory.ResolveLinkTarget(sys, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(sys);
        return "/dev/" + Path.GetFileName(Path.GetDirectoryName(parent)!);
    }

    /// <summary>The disk's partitions, in the kernel's order.</summary>
    public static IReadOnlyList<string> PartitionsOf(string disk)
    {
        var name = KernelName(disk);
        var folder = $"/sys/block/{name}";
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder, name + "*").Where(d => File.Exists(Path.Combine(d, "partition")))
                .OrderBy(d => int.Parse(File.ReadAllText(Path.Combine(d, "partition")).Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .Select(d => "/dev/" + Path.GetFileName(d)).ToList()
            : [];
    }

    /// <summary>blkid's facts of a device, read from the device itself (not a cache): UUID, TYPE, PART_ENTRY_TYPE...</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ProbeAsync(string device, StepLog? log, CancellationToken cancellationToken)
    {
        var output = await SystemTool.RunAsync("blkid", "util-linux", ["-p", "-o", "export", device], log, cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
    }

    public static async Task<string> UuidAsync(string device, StepLog? log, CancellationToken cancellationToken) =>
        (await ProbeAsync(device, log, cancellationToken)).TryGetValue("UUID", out var uuid) && uuid.Length > 0
            ? uuid
            : throw new StepFailedException($"{device} has no file system UUID (blkid): is it formatted?");

    public static bool IsEsp(IReadOnlyDictionary<string, string> facts) =>
        facts.TryGetValue("PART_ENTRY_TYPE", out var type) && (type.Equals(EspGuid, StringComparison.OrdinalIgnoreCase) || type == "0xef");

    private static string KernelName(string device)
    {
        var node = new FileInfo(device).LinkTarget is not null ? File.ResolveLinkTarget(device, returnFinalTarget: true)!.FullName : device;
        return Path.GetFileName(node);
    }
}
