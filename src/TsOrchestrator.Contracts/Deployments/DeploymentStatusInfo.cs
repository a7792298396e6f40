namespace TsOrchestrator.Contracts.Deployments;

/// <summary>
/// A deployment's status per targeted device, as the console's deployments list shows it: each device of the
/// collection counts once, by its latest run of the deployment (a device with no run yet is not started).
/// </summary>
public sealed record DeploymentStatusInfo
{
    public required string DeploymentId { get; init; }

    /// <summary>Devices in the collection now (direct members and rule matches), plus devices that ran it and have left.</summary>
    public int Targeted { get; init; }

    public int Succeeded { get; init; }

    /// <summary>Latest run Failed, Cancelled or TimedOut.</summary>
    public int Failed { get; init; }

    public int InProgress { get; init; }

    /// <summary>No run yet, or a run created and not started.</summary>
    public int NotStarted { get; init; }

    /// <summary>Targeted devices whose agent cannot run every enabled step: a required deployment is not started there.</summary>
    public int CannotRun { get; init; }

    /// <summary>Per step no agent of some targeted devices can run, how many devices that is.</summary>
    public IReadOnlyList<StepCapabilityCount> StepsNotRunnable { get; init; } = [];

    /// <summary>Per device that cannot run the sequence, why (<c>cannot run: Format and Partition Disk (step 3/1) on linux full-os</c>).</summary>
    public IReadOnlyList<DeviceDeploymentStatus> Devices { get; init; } = [];
}
