namespace TsOrchestrator.Contracts.Runs;

/// <summary>A run with its full step history and (non-secret) variables.</summary>
public sealed record RunDetails
{
    public required RunSummary Summary { get; init; }
    public required IReadOnlyList<RunStepRecord> History { get; init; }
    public string? FailedPath { get; init; }
    public string? FailureReason { get; init; }
    public int StepsRun { get; init; }
    public int StepsFailed { get; init; }
}
