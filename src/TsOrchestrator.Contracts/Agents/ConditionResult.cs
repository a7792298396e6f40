namespace TsOrchestrator.Contracts.Agents;

/// <summary>The result of a condition work item.</summary>
public sealed record ConditionResult
{
    public bool Result { get; init; }

    /// <summary>Set when the condition could not be evaluated (the node then fails).</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Which sub-condition decided, in words (e.g. <c>If any: 2nd condition (file /etc/os-release) true</c>), kept for run
    /// inspection; older agents send none.
    /// </summary>
    public string? Explanation { get; init; }
}
