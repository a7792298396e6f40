namespace TsOrchestrator.Contracts.Content;

/// <summary>A distribution point group and the collections whose devices prefer its members.</summary>
public sealed record DistributionPointGroupInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> DistributionPointIds { get; init; }
    public required IReadOnlyList<string> CollectionIds { get; init; }
}
