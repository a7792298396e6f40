namespace TsOrchestrator.Contracts.Site;

/// <summary>The site's high-risk deployment settings (read-only; configured in the server's <c>HighRisk</c> section).</summary>
public sealed record HighRiskSettings
{
    /// <summary>A required high-impact deployment to a collection with more devices than this needs confirmation; 0 ignores size.</summary>
    public int DefaultCollectionSize { get; init; }

    /// <summary>A required high-impact deployment to a collection with more devices than this is refused; 0 is no limit.</summary>
    public int MaximumCollectionSize { get; init; }

    /// <summary><c>Block</c> or <c>Confirm</c>: required high-impact deployments to collections that contain servers.</summary>
    public required string CollectionsWithServers { get; init; }
}
