namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// One partition the step asks for, from ConfigMgr's array settings <c>Partitions&lt;N&gt;*</c> (N from 0):
/// <c>Size</c> with <c>SizeUnits</c> (MB, GB, Percent, Remaining), <c>FileSystem</c>, <c>Type</c> (Primary, EFI, MSR,
/// Recovery), <c>VolumeName</c> (label), <c>QuickFormat</c>, <c>Bootable</c> and <c>VolumeLetterVariable</c>.
/// </summary>
internal sealed record PartitionSpec
{
    /// <summary>1-based, as the partition table numbers it.</summary>
    public required int Number { get; init; }

    public required PartitionSizeUnit Unit { get; init; }

    /// <summary>MB, GB or percent, per <see cref="Unit"/>; unused for <see cref="PartitionSizeUnit.Remaining"/>.</summary>
    public long Size { get; init; }

    public required FileSystemKind FileSystem { get; init; }
    public required string Type { get; init; }
    public string Label { get; init; } = "";
    public bool QuickFormat { get; init; } = true;
    public bool Bootable { get; init; }

    /// <summary>
    /// The variable that receives the partition. ConfigMgr puts a drive letter there; on Linux it holds the
    /// partition's device node (<c>/dev/vda2</c>), which is what the image steps mount.
    /// </summary>
    public string Variable { get; init; } = "";

    /// <summary>The setting a message about this partition names, e.g. <c>Partitions1Size</c>.</summary>
    public string Field(string name) => $"Partitions{Number - 1}{name}";

    public bool IsEfi => Type.Equals("EFI", StringComparison.OrdinalIgnoreCase);
}
