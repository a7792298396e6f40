namespace TsOrchestrator.Contracts.Runs;

/// <summary>One entry of a run's history: a step attempt or a skipped node.</summary>
public sealed record RunStepRecord
{
    public required int Sequence { get; init; }
    public required string Path { get; init; }
    public required string Name { get; init; }
    public string? StepType { get; init; }

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Skipped</c> or <c>Cancelled</c>.</summary>
    public required string Outcome { get; init; }

    public string? Reason { get; init; }
    public int? ExitCode { get; init; }
    public int Attempt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}
