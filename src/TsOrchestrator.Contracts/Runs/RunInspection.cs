namespace TsOrchestrator.Contracts.Runs;

/// <summary>
/// Every step of a run as it can be inspected after the fact: what it saw and changed, how its condition was decided,
/// its exit code, attempts and times. Secret values are masked.
/// </summary>
public sealed record RunInspection
{
    public required string RunId { get; init; }
    public required string Status { get; init; }

    /// <summary>The per-run cap on inspection data, in bytes (<c>Runs:InspectionBytesPerRun</c>).</summary>
    public long CapBytes { get; init; }

    /// <summary>Bytes of inspection data kept for this run.</summary>
    public long BytesKept { get; init; }

    /// <summary>
    /// Set when the run reached the cap: which step was the last kept in full (e.g. <c>capped after step 'Install/Apply' (#12):
    /// 65,536 bytes per run</c>). Steps after it show no variables or condition evaluation.
    /// </summary>
    public string? Capped { get; init; }

    /// <summary>Set when retention removed the run's inspection data (<c>Runs:InspectionRetentionDays</c>).</summary>
    public string? Removed { get; init; }

    public required IReadOnlyList<RunStepInspection> Steps { get; init; }
}
