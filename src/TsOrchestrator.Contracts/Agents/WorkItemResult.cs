namespace TsOrchestrator.Contracts.Agents;

/// <summary>The result of a step or restart work item.</summary>
public sealed record WorkItemResult
{
    public int ExitCode { get; init; }

    /// <summary>False when the handler failed whatever the exit code (e.g. the program could not start).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>Variables the step set (Set Dynamic Variables, output variables, SMSTSRebootRequested...).</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    public string? Message { get; init; }
}
