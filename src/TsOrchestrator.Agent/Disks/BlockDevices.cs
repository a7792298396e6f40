using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>What the kernel says about a block device: its size, its partitions' nodes, whether it is in use.</summary>
internal static class BlockDevices
{
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
        var result = new List<(string, string)>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options ... - fstype source superoptions
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (dash < 0 || dash + 2 >= fields.Length)
            {
                continue;
            }

            var source = fields[dash + 2];
            var sourceName = Path.GetFileName(source);
            if (source.StartsWith("/dev/", StringComparison.Ordinal) && (sourceName == name || IsPartitionOf(sourceName, name)))
            {
                result.Add((source, Unescape(fields[4])));
            }
        }

        return result;
    }

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

    // mountinfo escapes space, tab, newline and backslash as octal.
    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
