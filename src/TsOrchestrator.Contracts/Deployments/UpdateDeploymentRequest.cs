namespace TsOrchestrator.Contracts.Deployments;

/// <summary>
/// A deployment's properties, all of them (a missing one takes its default, as at creation). The task sequence and the
/// collection are not among them: as in Configuration Manager, deploying elsewhere is a new deployment.
/// </summary>
public sealed record UpdateDeploymentRequest
{
    /// <summary><c>Available</c> or <c>Required</c>.</summary>
    public string? Purpose { get; init; }

    public DateTimeOffset? AvailableAt { get; init; }

    /// <summary>Required: when it starts; null for as soon as possible.</summary>
    public DateTimeOffset? AssignmentAt { get; init; }

    /// <summary>Required: <c>None</c> (default), <c>Daily</c> or <c>Weekly</c>.</summary>
    public string? AssignmentRecurrence { get; init; }

    /// <summary>Every how many days or weeks the assignment recurs (1 to 365).</summary>
    public int? AssignmentInterval { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>NeverRerun</c>, <c>AlwaysRerun</c> (default), <c>RerunIfFailed</c>, <c>RerunIfSucceeded</c>.</summary>
    public string? Rerun { get; init; }

    public bool AllowOutsideMaintenanceWindow { get; init; }

    /// <summary>Make available to: <c>Clients</c>, <c>ClientsMediaAndPxe</c> (default) or <c>MediaAndPxeOnly</c>.</summary>
    public string? AvailableTo { get; init; }

    /// <summary>Confirms a change that makes the deployment a high-risk one (required, to a large collection or servers).</summary>
    public bool ConfirmHighRisk { get; init; }
}
