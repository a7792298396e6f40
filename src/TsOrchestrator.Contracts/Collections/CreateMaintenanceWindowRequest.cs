namespace TsOrchestrator.Contracts.Collections;

/// <summary>Add a maintenance window to a collection.</summary>
public sealed record CreateMaintenanceWindowRequest
{
    public string? Name { get; init; }
    public DateTimeOffset? Start { get; init; }

    /// <summary>1 to 1,440 minutes.</summary>
    public int DurationMinutes { get; init; }

    /// <summary><c>None</c> (default), <c>Daily</c> or <c>Weekly</c>.</summary>
    public string? Recurrence { get; init; }

    /// <summary>Every how many days or weeks (1 to 365).</summary>
    public int? Interval { get; init; }

    public bool TaskSequencesOnly { get; init; }
}
