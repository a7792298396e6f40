namespace TsOrchestrator.Contracts.Deployments;

/// <summary>Deploy a task sequence to a collection.</summary>
public sealed record CreateDeploymentRequest
{
    public string? SequenceId { get; init; }
    public string? CollectionId { get; init; }

    /// <summary><c>Available</c> or <c>Required</c>.</summary>
    public string? Purpose { get; init; }

    public DateTimeOffset? AvailableAt { get; init; }

    /// <summary>Required: when it starts; null for as soon as possible.</summary>
    public DateTimeOffset? AssignmentAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>NeverRerun</c>, <c>AlwaysRerun</c> (default), <c>RerunIfFailed</c>, <c>RerunIfSucceeded</c>.</summary>
    public string? Rerun { get; init; }

    public bool AllowOutsideMaintenanceWindow { get; init; }
}
