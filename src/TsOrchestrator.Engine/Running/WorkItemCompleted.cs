namespace TsOrchestrator.Engine.Running;

/// <summary>The agent finished a step (or restart) work item.</summary>
public sealed record WorkItemCompleted : RunEvent
{
    public required string WorkItemId { get; init; }
    public int ExitCode { get; init; }

    /// <summary>False when the handler failed whatever the exit code (e.g. the program could not start).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>Variables the step set on the device (Set Dynamic Variables, scripts, output variables).</summary>
    public IReadOnlyDictionary<string, string>? VariablesSet { get; init; }

    public string? Message { get; init; }
}
