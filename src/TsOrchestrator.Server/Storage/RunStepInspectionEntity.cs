namespace TsOrchestrator.Server.Storage;

/// <summary>
/// What run inspection keeps beside a history record: the variables a step changed (a change set, not a copy of all
/// variables), or the changes no step made that come before it (<see cref="BeforeStep"/>: start variables, resume
/// edits, a dispatch), and how the step's condition was decided. Secret values are masked before they are written.
/// </summary>
public sealed class RunStepInspectionEntity
{
    public long Id { get; set; }
    public required string RunId { get; set; }

    /// <summary>The history record (<see cref="RunHistoryEntity.Sequence"/>) this row belongs to or comes before.</summary>
    public int Sequence { get; set; }

    /// <summary>True for changes made before the step started; false for the step's own changes.</summary>
    public bool BeforeStep { get; set; }

    /// <summary>The changes in order, as JSON: <c>[[name, before, after], ...]</c> (null before: added; null after: removed).</summary>
    public required string Changes { get; set; }

    public string? ConditionEvaluation { get; set; }
}
