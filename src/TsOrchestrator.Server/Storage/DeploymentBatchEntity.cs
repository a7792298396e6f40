namespace TsOrchestrator.Server.Storage;

/// <summary>
/// A device's batch in a phase's gradual rollout: when the deployment becomes available to it and when it is
/// required. The devices of the phase's collection when the phase began; a device that joins later has the
/// deployment's own times, those of the last batch.
/// </summary>
public sealed class DeploymentBatchEntity
{
    public required string DeploymentId { get; set; }
    public required string DeviceId { get; set; }

    /// <summary>From 0.</summary>
    public int Batch { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    /// <summary>Required phases: when the device's run starts by itself.</summary>
    public DateTimeOffset? AssignmentAt { get; set; }
}
