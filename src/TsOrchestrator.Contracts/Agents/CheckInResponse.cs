namespace TsOrchestrator.Contracts.Agents;

/// <summary>What the device may do now: available deployments, and the run it must work on, if any.</summary>
public sealed record CheckInResponse
{
    public required IReadOnlyList<DeploymentOffer> Offers { get; init; }

    /// <summary>The device's active run (a required deployment just started, or one in progress).</summary>
    public string? ActiveRunId { get; init; }
}
