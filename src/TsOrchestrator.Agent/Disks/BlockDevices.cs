using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// What the kernel says about a block device: its size, its partitions' nodes, whether it is in use, a partition's
/// disk, and blkid's facts of it (what the boot loader and fstab need).
/// </summary>
internal static class BlockDevices
{
    /// <summary>The ESP's partition type: a GUID on a GPT disk, 0xef on an MBR one.</summary>
    private const string EspGuid = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";

    public static bool IsBlockDevice(string node) =>
        File.Exists(node) && SysName(node) is { } name && Directory.Exists($"/sys/class/block/{name}");

    /// <summary>The kernel's name (<c>loop7</c>, <c>sda</c>) of a device node, links resolved.</summary>
    public static string? SysName(string node)
    {
        var info = new FileInfo(node);
        var target = info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? node : node;
        return Path.GetFileName(target);
    }

    public static long SizeBytes(string node)
    {
        var name = SysName(node) ?? throw new StepFailedException($"{node} is not a block device");
        // /sys gives the size in 512-byte sectors whatever the device's own sector size.
        var sectors = long.Parse(File.ReadAllText($"/sys/class/block/{name}/size").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return sectors * 512;
    }

    /// <summary>The node of partition <paramref name="number"/> (from 1): sda → sda1, loop7 / nvme0n1 → loop7p1 / nvme0n1p1.</summary>
    public static string PartitionNode(string disk, int number)
    {
        var name = SysName(disk) ?? disk;
        var separator = char.IsAsciiDigit(name[^1]) ? "p" : "";
        return $"/dev/{name}{separator}{number}";
    }

    /// <summary>Mount points of the disk and of every partition on it, from /proc/self/mountinfo.</summary>
    public static IReadOnlyList<(string Source, string MountPoint)> MountsOn(string disk)
    {
        var name = SysName(disk) ?? disk;
        return MountTable.Read()
            .Where(m => m.Source.StartsWith("/dev/", StringComparison.Ordinal) && Path.GetFileName(m.Source) is var sourceName
                && (sourceName == name || IsPartitionOf(sourceName, name)))
            .Select(m => (m.Source, m.MountPoint))
            .ToList();
    }

    /// <summary>The whole disk a partition is on (<c>/dev/vda2</c> → <c>/dev/vda</c>, <c>/dev/loop3p1</c> → <c>/dev/loop3</c>).</summary>
    public static string DiskOf(string partition)
    {
        var sys = $"/sys/class/block/{SysName(partition)}";
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
        var name = SysName(disk) ?? disk;
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

    /// <summary>Waits until the nodes of the new partitions exist (udev, or devtmpfs, makes them after the kernel learns of them).</summary>
    public static async Task WaitForNodesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (nodes.Any(node => !File.Exists(node)))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new StepFailedException($"the kernel did not make the partitions' nodes within 15 s: {string.Join(", ", nodes.Where(node => !File.Exists(node)))} missing");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static bool IsPartitionOf(string candidate, string disk)
    {
        var rest = candidate.StartsWith(disk, StringComparison.Ordinal) ? candidate[disk.Length..] : "";
        if (rest.StartsWith('p') && char.IsAsciiDigit(disk[^1]))
        {
            rest = rest[1..];
        }

        return rest.Length > 0 && rest.All(char.IsAsciiDigit);
    }
}
