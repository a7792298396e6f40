using System.Globalization;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// The partitions of a Format and Partition Disk step, read from ConfigMgr's settings (<c>PartitionStyle</c>,
/// <c>Partitions</c> = count, <c>Partitions&lt;N&gt;*</c> per partition) and laid out on a disk of a given size before
/// anything is written: a layout that does not fit fails naming the partition, its size and what is left.
/// </summary>
internal sealed record PartitionLayout(bool Gpt, IReadOnlyList<PartitionSpec> Partitions)
{
    public const long MiB = 1024 * 1024;

    public static PartitionLayout Read(StepContext context)
    {
        var style = context.Setting("PartitionStyle").Trim();
        var gpt = style.Length == 0 || style.Equals("GPT", StringComparison.OrdinalIgnoreCase);
        if (!gpt && !style.Equals("MBR", StringComparison.OrdinalIgnoreCase))
        {
            throw new StepFailedException($"PartitionStyle: '{style}' is neither GPT nor MBR");
        }

        var count = Count(context);
        var partitions = new List<PartitionSpec>();
        for (var i = 0; i < count; i++)
        {
            partitions.Add(ReadPartition(context, i, gpt));
        }

        if (!gpt && partitions.Count > 4)
        {
            throw new StepFailedException($"Partitions: an MBR disk holds at most 4 primary partitions and the step lists {partitions.Count}: use GPT");
        }

        return new PartitionLayout(gpt, partitions);
    }

    /// <summary>Start and size (in MiB, aligned to 1 MiB) of each partition on a disk of <paramref name="diskBytes"/>.</summary>
    public IReadOnlyList<(PartitionSpec Partition, long StartMiB, long SizeMiB)> Place(long diskBytes, string disk)
    {
        var total = diskBytes / MiB;

        // The first MiB holds the table (and aligns the partitions); GPT keeps its backup table in the last one.
        var start = 1L;
        var end = Gpt ? total - 1 : total;
        var placed = new List<(PartitionSpec, long, long)>();
        foreach (var partition in Partitions)
        {
            var free = Math.Max(0, end - start);
            var size = partition.Unit switch
            {
                PartitionSizeUnit.Megabytes => partition.Size,
                PartitionSizeUnit.Gigabytes => partition.Size * 1024,
                PartitionSizeUnit.Percent => free * partition.Size / 100,
                _ => free,
            };
            var asked = partition.Unit switch
            {
                PartitionSizeUnit.Percent => $"{partition.Size} % of the {free} MiB left ({size} MiB)",
                PartitionSizeUnit.Remaining => "the rest of the disk",
                _ => $"{size} MiB",
            };
            if (size > free || size < 1)
            {
                var before = partition.Number switch { 1 => "", 2 => " after partition 1", _ => $" after partitions 1-{partition.Number - 1}" };
                throw new StepFailedException(
                    $"{partition.Field("Size")}: partition {partition.Number} needs {asked} but {disk}, {diskBytes / MiB} MiB) has {free} MiB left{before}: the disk is too small for the layout, nothing was written");
            }

            if (size < FileSystems.MinimumMiB(partition.FileSystem))
            {
                throw new StepFailedException(
                    $"{partition.Field("Size")}: partition {partition.Number} of {size} MiB is too small for {partition.FileSystem.ToString().ToLowerInvariant()} (at least {FileSystems.MinimumMiB(partition.FileSystem)} MiB): nothing was written");
            }

            placed.Add((partition, start, size));
            start += size;
        }

        return placed;
    }

    /// <summary>The partition count: the <c>Partitions</c> setting, else as many partitions as have settings.</summary>
    private static int Count(StepContext context)
    {
        var text = context.Setting("Partitions").Trim();
        if (text.Length > 0)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 128)
            {
                throw new StepFailedException($"Partitions: '{text}' is not a partition count from 1 to 128");
            }

            return count;
        }

        var listed = 0;
        while (context.Settings.Keys.Any(key => key.StartsWith($"Partitions{listed}", StringComparison.OrdinalIgnoreCase)
                                                 && key.Length > $"Partitions{listed}".Length && !char.IsAsciiDigit(key[$"Partitions{listed}".Length])))
        {
            listed++;
        }

        return listed > 0 ? listed : throw new StepFailedException("Partitions: the step lists no partition (set Partitions and Partitions0Size, Partitions0FileSystem, ...)");
    }

    private static PartitionSpec ReadPartition(StepContext context, int index, bool gpt)
    {
        string Get(string name) => context.Setting($"Partitions{index}{name}").Trim();
        var number = index + 1;

        var unitText = Get("SizeUnits");
        var sizeText = Get("Size");
        var unit = unitText.ToUpperInvariant() switch
        {
            "" or "MB" => sizeText.Length == 0 ? PartitionSizeUnit.Remaining : PartitionSizeUnit.Megabytes,
            "GB" => PartitionSizeUnit.Gigabytes,
            "PERCENT" or "%" => PartitionSizeUnit.Percent,
            "REMAINING" => PartitionSizeUnit.Remaining,
            _ => throw new StepFailedException($"Partitions{index}SizeUnits: '{unitText}' is not MB, GB, Percent or Remaining (partition {number})"),
        };
        long size = 0;
        if (unit != PartitionSizeUnit.Remaining
            && (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || (unit == PartitionSizeUnit.Percent && size > 100)))
        {
            throw new StepFailedException($"Partitions{index}Size: '{sizeText}' is not a size in {(unit == PartitionSizeUnit.Percent ? "percent from 1 to 100" : unitText.Length == 0 ? "MB" : unitText)} (partition {number})");
        }

        var fileSystemText = Get("FileSystem");
        var fileSystem = FileSystems.Parse(fileSystemText)
            ?? throw new StepFailedException($"Partitions{index}FileSystem: '{fileSystemText}' is not a file system this agent makes ({FileSystems.Supported}) (partition {number})");

        var type = Get("Type") is { Length: > 0 } given ? given : "Primary";
        switch (type.ToUpperInvariant())
        {
            case "PRIMARY" or "RECOVERY":
                break;
            case "EFI":
                if (fileSystem != FileSystemKind.Vfat)
                {
                    throw new StepFailedException($"Partitions{index}FileSystem: the EFI system partition (partition {number}) must be FAT32 (vfat), not {fileSystemText}");
                }

                break;
            case "MSR":
                if (!gpt)
                {
                    throw new StepFailedException($"Partitions{index}Type: a Microsoft reserved partition (partition {number}) exists only on GPT disks");
                }

                break;
            default:
                throw new StepFailedException($"Partitions{index}Type: '{type}' is not a partition type this agent makes (Primary, EFI, MSR, Recovery) (partition {number}); extended and logical partitions are not supported");
        }

        var variable = Get("VolumeLetterVariable");
        if (variable.Length > 0 && (!VariableName.IsValidUserName(variable) || VariableName.IsReadOnly(variable)))
        {
            throw new StepFailedException($"Partitions{index}VolumeLetterVariable: '{variable}' is not a variable a step may set (partition {number})");
        }

        return new PartitionSpec
        {
            Number = number,
            Unit = unit,
            Size = size,
            FileSystem = fileSystem,
            Type = type,
            Label = Get("VolumeName") is { Length: > 0 } label ? label : Get("Name"),
            QuickFormat = !bool.TryParse(Get("QuickFormat"), out var quick) || quick,
            Bootable = bool.TryParse(Get("Bootable"), out var bootable) && bootable,
            Variable = variable,
        };
    }

    /// <summary>The partition type sfdisk writes: a GPT type GUID or an MBR type byte.</summary>
    public string TypeCode(PartitionSpec partition)
    {
        var type = partition.Type.ToUpperInvariant();
        if (Gpt)
        {
            return type switch
            {
                "EFI" => "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
                "MSR" => "E3C9E316-0B5C-4DB8-817D-F92DF00215AE",
                "RECOVERY" => "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC",
                _ when partition.FileSystem is FileSystemKind.Ntfs or FileSystemKind.Vfat => "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
                _ => "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
            };
        }

        return type switch
        {
            "EFI" => "ef",
            "RECOVERY" => "27",
            _ when partition.FileSystem == FileSystemKind.Ntfs => "7",
            _ when partition.FileSystem == FileSystemKind.Vfat => "c",
            _ => "83",
        };
    }
}
