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

    /// <summary>The variables this node changed, in order (only when the transition inspects, see <see cref="Transition.Inspects"/>).</summary>
    public IReadOnlyList<VariableChange>? VariablesChanged { get; init; }

    /// <summary>How the node's condition was decided, naming the sub-condition that decided (only when inspecting).</summary>
    public string? ConditionEvaluation { get; init; }
}
