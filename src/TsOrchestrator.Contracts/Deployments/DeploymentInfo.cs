namespace TsOrchestrator.Contracts.Deployments;

/// <summary>A deployment with its run counts by status.</summary>
public sealed record DeploymentInfo
{
    public required string Id { get; init; }
    public required string SequenceId { get; init; }
    public required string CollectionId { get; init; }
    public required string Purpose { get; init; }
    public DateTimeOffset? AvailableAt { get; init; }
    public DateTimeOffset? AssignmentAt { get; init; }
    public required string AssignmentRecurrence { get; init; }
    public int AssignmentInterval { get; init; } = 1;
    public DateTimeOffset? ExpiresAt { get; init; }
    public required string Rerun { get; init; }
    public bool AllowOutsideMaintenanceWindow { get; init; }

    /// <summary>Make available to: <c>Clients</c>, <c>ClientsMediaAndPxe</c> or <c>MediaAndPxeOnly</c>.</summary>
    public string AvailableTo { get; init; } = "ClientsMediaAndPxe";
    public bool Enabled { get; init; }
    public required IReadOnlyDictionary<string, int> RunCounts { get; init; }

    /// <summary>The phased deployment this deployment is a phase of, if any.</summary>
    public string? PhasedDeploymentId { get; init; }

    public int? Phase { get; init; }

    /// <summary>The version to send back in If-Match when saving the deployment's properties.</summary>
    public long ConcurrencyVersion { get; init; }
}
