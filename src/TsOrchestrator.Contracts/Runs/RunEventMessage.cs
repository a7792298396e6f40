namespace TsOrchestrator.Contracts.Runs;

/// <summary>
/// A live event of a run, as the run monitor receives it: the run's status and current step, and the
/// history records this change added (steps finished or skipped).
/// </summary>
public sealed record RunEventMessage
{
    public required string RunId { get; init; }
    public required string Status { get; init; }
    public string? CurrentStep { get; init; }
    public required IReadOnlyList<RunStepRecord> Records { get; init; }

    /// <summary>Log text a running step just wrote on the device (the event carries no records then).</summary>
    public RunLogEntry? Log { get; init; }
}
