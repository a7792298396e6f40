namespace TsOrchestrator.Contracts.Content;

/// <summary>A distribution point: the site server itself, or a distribution point host reached by URL.</summary>
public sealed record DistributionPointInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Base URL of a remote distribution point; null for the site server.</summary>
    public string? Url { get; init; }

    public bool IsSiteServer { get; init; }
    public required IReadOnlyList<string> GroupIds { get; init; }
}
