using System.Text.RegularExpressions;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Format and Partition Disk keeps each partition as Configuration Manager's indexed settings
/// (<c>Partitions0FileSystem</c>, <c>Partitions1Size</c>, ...), which the agent reads: they are its settings too.
/// </summary>
internal static partial class PartitionSettings
{
    public static bool IsPartitionSetting(StepTypeDescriptor descriptor, string name) =>
        descriptor.TypeId == StepTypeIds.FormatAndPartitionDisk && Indexed().IsMatch(name);

    [GeneratedRegex("^Partitions[0-9]{1,3}(Type|FileSystem|Name|QuickFormat|Size|SizeUnits|Bootable|VolumeName|VolumeLetterVariable)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Indexed();
}
