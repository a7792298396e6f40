namespace TsOrchestrator.Contracts.Runs;

/// <summary>One history record (a step attempt or a skipped node) with what inspection kept of it.</summary>
public sealed record RunStepInspection
{
    public required int Sequence { get; init; }

    /// <summary>The node's index path (e.g. <c>2/0/3</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The node's name path through its groups (e.g. <c>Install/Apply Operating System</c>).</summary>
    public required string NamePath { get; init; }

    public required string Name { get; init; }
    public string? StepType { get; init; }
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public int? ExitCode { get; init; }
    public int Attempt { get; init; }
    public string? WorkItemId { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>False when no inspection data is kept for this record (the run reached its cap, or retention removed it).</summary>
    public bool Inspected { get; init; }

    /// <summary>How the node's condition was decided, naming the deciding sub-condition; null when it has none.</summary>
    public string? ConditionEvaluation { get; init; }

    /// <summary>The variables the step added, changed or removed (net, in name order).</summary>
    public IReadOnlyList<VariableChangeInfo> Changes { get; init; } = [];

    /// <summary>The run's variables as the step started (only when one step is asked for).</summary>
    public IReadOnlyDictionary<string, string>? Before { get; init; }

    /// <summary>The run's variables after the step (only when one step is asked for).</summary>
    public IReadOnlyDictionary<string, string>? After { get; init; }

    /// <summary>The step's log as the device sent it (only when one step is asked for).</summary>
    public string? Log { get; init; }
}
