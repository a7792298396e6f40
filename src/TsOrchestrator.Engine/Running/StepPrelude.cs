namespace TsOrchestrator.Engine.Running;

/// <summary>
/// Variable changes no step made, kept for run inspection: the run's start variables, an operator's edits on resume,
/// the current action's name set as a step is dispatched, a restart's boot environment. They belong to the "before"
/// of the next history record, so that a step's before view is the start plus every earlier change, in order.
/// </summary>
public sealed record StepPrelude
{
    /// <summary>Index in the transition's <see cref="Transition.Records"/> of the record these changes come before (may be one past the end).</summary>
    public required int BeforeRecord { get; init; }

    public required IReadOnlyList<VariableChange> Changes { get; init; }

    /// <summary>How the condition of the step dispatched here was decided, when it has one.</summary>
    public string? ConditionEvaluation { get; init; }
}
