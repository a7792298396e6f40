using System.Text.RegularExpressions;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// The whole disks a disk step may use, numbered from 0 as Configuration Manager numbers them. Without the agent's
/// <c>--disk</c> option they are the real disks in /sys/block (sd*, vd*, hd*, xvd*, nvme*n*, mmcblk*), sorted by
/// name; loop, ram, zram, optical and device-mapper devices are never a "disk N". <c>--disk</c> (repeatable, in order)
/// replaces discovery: a lab machine or a test names exactly the devices it may wipe, loop devices included.
/// </summary>
internal static partial class WholeDisks
{
    [GeneratedRegex(@"^(sd[a-z]+|vd[a-z]+|hd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$")]
    private static partial Regex RealDiskName();

    public static IReadOnlyList<string> List(AgentOptions options)
    {
        if (options.Disks.Count > 0)
        {
            return options.Disks;
        }

        if (!Directory.Exists("/sys/block"))
        {
            return [];
        }

        return Directory.GetDirectories("/sys/block")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => RealDiskName().IsMatch(name))
            .OrderBy(name => name.Length)
            .ThenBy(name => name, StringComparer.Ordinal)
            .Select(name => "/dev/" + name)
            .ToList();
    }

    /// <summary>The device node of disk <paramref name="index"/>, or the step's failure naming the disks there are.</summary>
    public static string Find(AgentOptions options, int index, string field)
    {
        var disks = List(options);
        if (index < 0 || index >= disks.Count)
        {
            var seen = disks.Count == 0 ? "none" : string.Join(", ", disks.Select((disk, i) => $"{i} = {disk}"));
            throw new StepFailedException($"{field}: there is no disk {index} on this device (disks: {seen})");
        }

        var node = disks[index];
        if (!BlockDevices.IsBlockDevice(node))
        {
            throw new StepFailedException($"{field}: disk {index} ({node}) is not a block device");
        }

        return node;
    }
}
