using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// One package on one distribution point, and the distribution queue: a Pending row is work to do,
/// an InProgress row whose lease ran out (its node stopped) is work to do again.
/// </summary>
public sealed class PackageDistributionEntity
{
    public required string PackageId { get; set; }
    public required string DistributionPointId { get; set; }
    public int Version { get; set; }
    public DistributionStatus Status { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// InProgress: until when the node copying this row owns it. Pending after a transient failure: not
    /// before when it is tried again.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }
}
