namespace TsOrchestrator.Engine.Running;

/// <summary>The agent evaluated a condition over the device's state.</summary>
public sealed record ConditionEvaluated : RunEvent
{
    public required string WorkItemId { get; init; }
    public bool Result { get; init; }

    /// <summary>Set when the condition could not be evaluated: the node fails.</summary>
    public string? Error { get; init; }
}
