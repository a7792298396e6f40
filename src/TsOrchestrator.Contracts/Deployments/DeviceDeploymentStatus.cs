namespace TsOrchestrator.Contracts.Deployments;

/// <summary>One targeted device's state for a deployment, where there is something to say about it.</summary>
public sealed record DeviceDeploymentStatus
{
    public required string DeviceId { get; init; }

    public required string DeviceName { get; init; }

    /// <summary>The device's latest run's status, or <c>NotStarted</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the deployment is not started there (<c>cannot run: ...</c>), or null.</summary>
    public string? Reason { get; init; }
}
