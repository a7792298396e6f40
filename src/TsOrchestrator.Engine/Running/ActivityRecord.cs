namespace TsOrchestrator.Engine.Running;

/// <summary>
/// One entry of a run's history: an attempt of a step, or a node skipped. History is kept apart
/// from the hot <see cref="RunState"/>: the engine hands out new records, the caller appends them.
/// </summary>
public sealed record ActivityRecord
{
    public required string Path { get; init; }
    public required string Name { get; init; }
    public string? StepType { get; init; }
    public required ActivityOutcome Outcome { get; init; }

    /// <summary>Why it was skipped or failed (see <see cref="ActivityReasons"/>), or a message.</summary>
    public string? Reason { get; init; }

    public int? ExitCode { get; init; }
    public int Attempt { get; init; } = 1;
    public string? WorkItemId { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}
