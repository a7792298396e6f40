namespace TsOrchestrator.Designer.Monitoring;

/// <summary>One node of the run's sequence as the monitor shows it: where it is and how its latest attempt went.</summary>
public sealed record RunStepView(string Path, string Name, string? StepType, int Depth, bool IsGroup)
{
    /// <summary>Succeeded, Failed, Skipped, Cancelled, Running, or empty while it has not been reached.</summary>
    public string Status { get; init; } = "";
    public int? ExitCode { get; init; }
    public int Attempt { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? Reason { get; init; }
}
