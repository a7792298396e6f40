namespace TsOrchestrator.Agent.Disks;

/// <summary>How a partition's size is given (ConfigMgr's <c>Partitions&lt;N&gt;SizeUnits</c>).</summary>
internal enum PartitionSizeUnit
{
    Megabytes,
    Gigabytes,

    /// <summary>A percentage of the space still free when the partition is made, as ConfigMgr's "percentage of remaining free space".</summary>
    Percent,

    /// <summary>All the space left.</summary>
    Remaining,
}
