namespace TsOrchestrator.Contracts.Agents;

/// <summary>The result of a condition work item.</summary>
public sealed record ConditionResult
{
    public bool Result { get; init; }

    /// <summary>Set when the condition could not be evaluated (the node then fails).</summary>
    public string? Error { get; init; }
}
