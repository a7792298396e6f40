using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>What a device's check-in decides by, besides the deployments: the device as last reported, its collections' maintenance windows and its active run.</summary>
public sealed record DeviceDeploymentState
{
    public required DeviceEntity Device { get; init; }

    public required IReadOnlyList<MaintenanceWindowEntity> Windows { get; init; }

    public (string RunId, string? DeploymentId)? ActiveRun { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The device's collections as the decision found them: a run started by the same check-in takes its variables from them.</summary>
    public IReadOnlyList<CollectionEntity> Collections { get; init; } = [];
}
