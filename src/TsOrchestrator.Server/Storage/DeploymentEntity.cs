namespace TsOrchestrator.Server.Storage;

/// <summary>A task sequence deployed to a collection.</summary>
public sealed class DeploymentEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string SequenceId { get; set; }
    public required string CollectionId { get; set; }
    public DeploymentPurpose Purpose { get; set; } = DeploymentPurpose.Available;
    public DateTimeOffset? AvailableAt { get; set; }

    /// <summary>Required deployments: when the assignment starts; null means as soon as possible.</summary>
    public DateTimeOffset? AssignmentAt { get; set; }

    /// <summary>Required deployments: whether the assignment repeats (each occurrence may rerun, per <see cref="Rerun"/>).</summary>
    public Recurrence AssignmentRecurrence { get; set; } = Recurrence.None;

    public int AssignmentInterval { get; set; } = 1;

    public DateTimeOffset? ExpiresAt { get; set; }
    public RerunBehavior Rerun { get; set; } = RerunBehavior.AlwaysRerun;
    public bool AllowOutsideMaintenanceWindow { get; set; }

    /// <summary>
    /// Which starts see it. The default keeps what deployments did before the setting existed (reached agents in full
    /// operating systems and in boot media alike); Configuration Manager's default is clients only.
    /// </summary>
    public DeploymentAvailability AvailableTo { get; set; } = DeploymentAvailability.ClientsMediaAndPxe;
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string Scopes { get; set; } = "default";

    /// <summary>The phased deployment this deployment is a phase of; its devices then have per-device times in <see cref="DeploymentBatchEntity"/>.</summary>
    public string? PhasedDeploymentId { get; set; }

    public int? Phase { get; set; }

    public long ConcurrencyVersion { get; set; }
}
