namespace TsOrchestrator.Contracts.Content;

/// <summary>Registers a distribution point host (TsOrchestrator.DistributionPoint) by its URL.</summary>
public sealed record CreateDistributionPointRequest
{
    public string? Name { get; init; }

    /// <summary>Base URL the site server and agents reach it at, e.g. <c>https://dp1.example:5443</c>.</summary>
    public string? Url { get; init; }

    /// <summary>The DP's <c>DistributionPoint:AccessKey</c>: the site server sends it when it copies content there.</summary>
    public string? AccessKey { get; init; }
}
