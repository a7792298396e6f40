using TsOrchestrator.Agent.TargetSystem;
using System.Globalization;
using TsOrchestrator.Agent.Disks;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Resolves where Apply Operating System Image and Apply Data Image write, as ConfigMgr's destination choices
/// (<c>DestinationOSInstallType</c> for the OS image, <c>DestinationInstallType</c> for a data image):
/// <list type="bullet">
/// <item><c>NextPartition</c>: the first formatted partition (ext4, xfs, ntfs; never a FAT EFI system partition) on the
/// agent's disks that is not the target system already applied in this run;</item>
/// <item><c>ByDiskPartition</c>: <c>DestinationDisk</c> (from 0) and <c>DestinationPartition</c> (from 1);</item>
/// <item><c>ByVariable</c>: the variable named by <c>DestinationOSVariable</c> / <c>DestinationVariable</c>, holding a
/// partition's device node as Format and Partition Disk sets it.</item>
/// </list>
/// A drive letter (<c>ByDriveLetter</c>) has no meaning on Linux and is refused. With no choice made and the agent's
/// <c>--target-root</c> set, the image goes to that folder (a device that manages its own disks).
/// </summary>
internal static class ImageDestinations
{
    public static async Task<ImageDestination> ResolveAsync(StepContext context, string step, bool dataImage, CancellationToken cancellationToken)
    {
        var prefix = dataImage ? "Destination" : "DestinationOS";
        var typeField = prefix + "InstallType";
        var type = context.Setting(typeField).Trim();
        if (UsesTargetRoot(context, dataImage))
        {
            return new ImageDestination(TargetRoots.Require(context, step), null);
        }

        var partition = type.ToUpperInvariant() switch
        {
            "" or "NEXTPARTITION" => NextPartition(context, typeField),
            "BYDISKPARTITION" => ByDiskPartition(context),
            "BYVARIABLE" => ByVariable(context, prefix + "Variable"),
            "BYDRIVELETTER" => throw new StepFailedException($"{typeField}: a drive letter has no meaning on Linux: use ByVariable (a partition variable set by Format and Partition Disk) or ByDiskPartition"),
            _ => throw new StepFailedException($"{typeField}: '{type}' is not NextPartition, ByDiskPartition or ByVariable"),
        };

        var folder = await TargetMounts.EnsureMountedAsync(partition, TargetMounts.PathFor(context.Options, partition), context.Log, cancellationToken, context.Options.StateDirectory);
        return new ImageDestination(folder, partition);
    }

    /// <summary>
    /// True when the step applies to the agent's target root. Without a destination choice, a device in its full OS
    /// does: only in the boot image (where the disks are the sequence's to lay out) does the image go to the next
    /// partition by default, as in ConfigMgr.
    /// </summary>
    public static bool UsesTargetRoot(StepContext context, bool dataImage) =>
        context.Setting(dataImage ? "DestinationInstallType" : "DestinationOSInstallType").Trim().Length == 0
        && (context.Options.TargetRoot is { Length: > 0 } || !context.Options.InBootMedia);

    private static string ByDiskPartition(StepContext context)
    {
        var diskText = context.Setting("DestinationDisk").Trim();
        var partitionText = context.Setting("DestinationPartition").Trim();
        if (!int.TryParse(diskText.Length == 0 ? "0" : diskText, NumberStyles.None, CultureInfo.InvariantCulture, out var disk))
        {
            throw new StepFailedException($"DestinationDisk: '{diskText}' is not a disk number");
        }

        if (!int.TryParse(partitionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new StepFailedException($"DestinationPartition: '{partitionText}' is not a partition number (from 1)");
        }

        var node = BlockDevices.PartitionNode(WholeDisks.Find(context.Options, disk, "DestinationDisk"), number);
        return BlockDevices.IsBlockDevice(node) ? node : throw new StepFailedException($"DestinationPartition: disk {disk} has no partition {number} ({node})");
    }

    private static string ByVariable(StepContext context, string field)
    {
        var name = context.Setting(field).Trim();
        if (name.Length == 0)
        {
            throw new StepFailedException($"{field}: name the variable that holds the destination partition");
        }

        if (!context.Variables.TryGetValue(name, out var node) || node.Trim().Length == 0)
        {
            throw new StepFailedException($"{field}: the variable {name} is not set (Format and Partition Disk sets it to the partition's device node)");
        }

        node = node.Trim();
        return node.StartsWith("/dev/", StringComparison.Ordinal) && BlockDevices.IsBlockDevice(node)
            ? node
            : throw new StepFailedException($"{field}: the variable {name} holds '{node}', which is not a partition on this device");
    }

    private static string NextPartition(StepContext context, string field)
    {
        var taken = context.Variables.TryGetValue(TargetSystemRoot.PartitionVariable, out var system) ? system.Trim() : "";
        foreach (var disk in WholeDisks.List(context.Options))
        {
            for (var number = 1; number <= 128; number++)
            {
                var node = BlockDevices.PartitionNode(disk, number);
                if (!BlockDevices.IsBlockDevice(node))
                {
                    break;
                }

                if (node != taken && !TargetMounts.InUseElsewhere(context.Options, node)
                    && FileSystemType(node) is "ext4" or "ext3" or "ext2" or "xfs" or "ntfs" or "btrfs")
                {
                    return node;
                }
            }
        }

        throw new StepFailedException($"{field}: NextPartition found no formatted partition left on the agent's disks ({string.Join(", ", WholeDisks.List(context.Options))}): run Format and Partition Disk first");
    }

    /// <summary>The file system the kernel's udev database (or a probe) reports, empty when there is none.</summary>
    private static string FileSystemType(string node)
    {
        try
        {
            using var stream = new FileStream(node, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return FileSystemProbe.Detect(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
