namespace TsOrchestrator.Contracts.Collections;

/// <summary>A maintenance window of a collection.</summary>
public sealed record MaintenanceWindowInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required int DurationMinutes { get; init; }

    /// <summary><c>None</c>, <c>Daily</c> or <c>Weekly</c>.</summary>
    public required string Recurrence { get; init; }

    public int Interval { get; init; } = 1;
    public bool TaskSequencesOnly { get; init; }
}
