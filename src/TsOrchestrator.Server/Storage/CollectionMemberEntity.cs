namespace TsOrchestrator.Server.Storage;

/// <summary>A direct member of a collection.</summary>
public sealed class CollectionMemberEntity
{
    public required string CollectionId { get; set; }
    public required string DeviceId { get; set; }
}
