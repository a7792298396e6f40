namespace TsOrchestrator.Contracts.Deployments;

/// <summary>
/// Why a deployment is or is not running on one device, as the check-in decides it now: every reason that holds it
/// back (the first is the one that decides), and when it will start if that is known.
/// </summary>
public sealed record DeviceDeploymentWhy
{
    public required string DeploymentId { get; init; }

    public required string DeviceId { get; init; }

    public required string DeviceName { get; init; }

    /// <summary>Whether the device is offered the deployment (Software Center lists it).</summary>
    public required bool Offered { get; init; }

    /// <summary>Whether the device's next check-in starts it.</summary>
    public required bool StartsAtNextCheckIn { get; init; }

    /// <summary>Empty when it starts at the next check-in.</summary>
    public required IReadOnlyList<WhyNotReason> Reasons { get; init; }

    /// <summary>When it will start by the schedule as it stands (at the device's first check-in from then), or null when nothing scheduled lifts the reasons.</summary>
    public DateTimeOffset? RunsAt { get; init; }

    /// <summary>The sentence a console shows for <see cref="RunsAt"/>.</summary>
    public required string When { get; init; }
}
