using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Deployments;

/// <summary>High-risk deployment verification (section <c>HighRisk</c>; TS-SEMANTICS §6), Configuration Manager's site settings.</summary>
public sealed class HighRiskOptions
{
    public const string Section = "HighRisk";

    /// <summary>A required high-impact deployment to a collection with more devices than this needs confirmation; 0 ignores size.</summary>
    [Range(0, int.MaxValue)]
    public int DefaultCollectionSize { get; set; } = 100;

    /// <summary>A required high-impact deployment to a collection with more devices than this is refused; 0 is no limit.</summary>
    [Range(0, int.MaxValue)]
    public int MaximumCollectionSize { get; set; }

    /// <summary>Required high-impact deployments to collections that contain servers: blocked, or allowed with confirmation.</summary>
    public ServerCollectionPolicy CollectionsWithServers { get; set; } = ServerCollectionPolicy.Block;
}
