using System.Globalization;
using System.Text;
using TsOrchestrator.Agent.Disks;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Format and Partition Disk on Linux: writes a GPT or MBR table on disk <c>DiskIndex</c> (see <see cref="WholeDisks"/>)
/// with sfdisk, makes each partition's file system and sets each partition's variable. Everything that can be
/// checked is checked before the disk is touched: the settings, the tools, the disk, that the layout fits and that
/// nothing on the disk is mounted (but by the agent itself, which it unmounts).
/// <para>
/// ConfigMgr sets a partition's variable (<c>Partitions&lt;N&gt;VolumeLetterVariable</c>) to a drive letter; on Linux
/// it holds the partition's device node (<c>/dev/vda2</c>), which the image steps take as their destination.
/// </para>
/// </summary>
internal sealed class FormatAndPartitionDiskHandler : IStepHandler
{
    public string TypeId => StepTypeIds.FormatAndPartitionDisk;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var indexText = context.Setting("DiskIndex").Trim();
        if (!int.TryParse(indexText.Length == 0 ? "0" : indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new StepFailedException($"DiskIndex: '{indexText}' is not a disk number");
        }

        var layout = PartitionLayout.Read(context);
        foreach (var (tool, package) in new[] { ("sfdisk", "fdisk"), ("wipefs", "util-linux"), ("partx", "util-linux"), ("blockdev", "util-linux") }
                     .Concat(layout.Partitions.Select(p => FileSystems.Tool(p.FileSystem)).OfType<(string, string)>()))
        {
            SystemTool.Require(tool, package);
        }

        var disk = WholeDisks.Find(context.Options, index, "DiskIndex");
        var bytes = BlockDevices.SizeBytes(disk);
        var placed = layout.Place(bytes, $"disk {index} ({disk}");
        await TargetMounts.ReleaseDiskAsync(context.Options, disk, "DiskIndex", context.Log, cancellationToken);

        context.Log.Line($"partitioning disk {index} ({disk}, {bytes / PartitionLayout.MiB} MiB) as {(layout.Gpt ? "GPT" : "MBR")}");
        await SystemTool.RunAsync("wipefs", "util-linux", ["--all", "--quiet", disk], context.Log, cancellationToken);
        var sectorsPerMiB = PartitionLayout.MiB / LogicalSectorSize(disk);
        var script = new StringBuilder().Append("label: ").Append(layout.Gpt ? "gpt" : "dos").Append('\n');
        foreach (var (partition, start, size) in placed)
        {
            script.Append(CultureInfo.InvariantCulture, $"start={start * sectorsPerMiB}, size={size * sectorsPerMiB}, type={layout.TypeCode(partition)}");
            if (layout.Gpt && partition.Label.Length > 0)
            {
                script.Append(", name=\"").Append(partition.Label.Replace("\"", "", StringComparison.Ordinal)).Append('"');
            }

            if (!layout.Gpt && partition.Bootable)
            {
                script.Append(", bootable");
            }

            script.Append('\n');
        }

        await SystemTool.RunAsync("sfdisk", "fdisk", ["--quiet", "--wipe", "always", "--wipe-partitions", "always", disk], context.Log, cancellationToken, script.ToString());
        await TellKernelAsync(disk, context.Log, cancellationToken);
        var nodes = placed.Select(p => BlockDevices.PartitionNode(disk, p.Partition.Number)).ToList();
        await BlockDevices.WaitForNodesAsync(nodes, cancellationToken);

        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ((partition, start, size), node) in placed.Zip(nodes))
        {
            if (FileSystems.Tool(partition.FileSystem) is { } mkfs)
            {
                await SystemTool.RunAsync(mkfs.Tool, mkfs.Package, FileSystems.FormatArguments(partition.FileSystem, node, partition.Label, partition.QuickFormat), context.Log, cancellationToken);
            }
            else
            {
                await SystemTool.RunAsync("wipefs", "util-linux", ["--all", "--quiet", node], context.Log, cancellationToken);
            }

            context.Log.Line($"partition {partition.Number}: {node}, {size} MiB from MiB {start}, {partition.Type}, {partition.FileSystem}");
            if (partition.Variable.Length > 0)
            {
                variables[partition.Variable] = node;
            }
        }

        return new WorkItemResult { ExitCode = 0, Variables = variables };
    }

    private static long LogicalSectorSize(string disk) =>
        File.ReadAllText($"/sys/class/block/{BlockDevices.SysName(disk)}/queue/logical_block_size").Trim() is var text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : 512;

    /// <summary>
    /// Makes the kernel's partitions match the new table. sfdisk asks for a re-read (BLKRRPART), which a disk may
    /// refuse or ignore (a loop device without partition scanning); partx adds and removes them one by one (BLKPG).
    /// </summary>
    private static async Task TellKernelAsync(string disk, StepLog log, CancellationToken cancellationToken)
    {
        await SystemTool.TryRunAsync("blockdev", "util-linux", ["--rereadpt", disk], log, cancellationToken);
        var update = await SystemTool.TryRunAsync("partx", "util-linux", ["--update", disk], log, cancellationToken);
        if (update.ExitCode != 0)
        {
            await SystemTool.RunAsync("partx", "util-linux", ["--add", disk], log, cancellationToken);
        }
    }
}
