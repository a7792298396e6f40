namespace TsOrchestrator.Server.Storage;

/// <summary>A DP group associated with a collection: its DPs are the collection's devices' preferred ones and a distribution target.</summary>
public sealed class CollectionDistributionPointGroupEntity
{
    public required string CollectionId { get; set; }
    public required string GroupId { get; set; }
}
