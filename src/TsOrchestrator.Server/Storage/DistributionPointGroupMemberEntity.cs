namespace TsOrchestrator.Server.Storage;

public sealed class DistributionPointGroupMemberEntity
{
    public required string GroupId { get; set; }
    public required string DistributionPointId { get; set; }
}
