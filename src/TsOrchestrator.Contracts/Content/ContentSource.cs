namespace TsOrchestrator.Contracts.Content;

/// <summary>A distribution point that holds a package version; files are at <c>{Url}/dp/v1/files/{hash}</c>.</summary>
public sealed record ContentSource
{
    public required string DistributionPointId { get; init; }
    public required string Url { get; init; }
}
