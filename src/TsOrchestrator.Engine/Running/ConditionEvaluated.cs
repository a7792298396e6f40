namespace TsOrchestrator.Engine.Running;

/// <summary>The agent evaluated a condition over the device's state.</summary>
public sealed record ConditionEvaluated : RunEvent
{
    public required string WorkItemId { get; init; }
    public bool Result { get; init; }

    /// <summary>Set when the condition could not be evaluated: the node fails.</summary>
    public string? Error { get; init; }

    /// <summary>Which sub-condition decided, as the device worked it out (run inspection); null from older agents.</summary>
    public string? Explanation { get; init; }
}
