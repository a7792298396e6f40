namespace TsOrchestrator.Contracts.Content;

/// <summary>
/// Where to distribute: distribution points, the members of distribution point groups, and the groups
/// associated with collections. All empty distributes to the site server only.
/// </summary>
public sealed record DistributeContentRequest
{
    public IReadOnlyList<string>? DistributionPointIds { get; init; }
    public IReadOnlyList<string>? DistributionPointGroupIds { get; init; }
    public IReadOnlyList<string>? CollectionIds { get; init; }
}
