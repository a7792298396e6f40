namespace TsOrchestrator.Engine.Running;

/// <summary>
/// Resume a failed, cancelled or timed-out run at the failed node, or at an earlier node path,
/// after optional variable edits ("previous page").
/// </summary>
public sealed record ResumeRun : RunEvent
{
    /// <summary>Node path to resume at; null for the failed node.</summary>
    public string? FromPath { get; init; }

    /// <summary>Variables to set before resuming; an empty value deletes.</summary>
    public IReadOnlyDictionary<string, string>? VariableEdits { get; init; }
}
