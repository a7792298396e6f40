using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>Run inspection's bounds (section <c>Runs</c>).</summary>
public sealed class RunInspectionOptions
{
    public const string Section = "Runs";

    /// <summary>
    /// Bytes of variable changes and condition evaluations kept per run. A run that reaches it keeps what it has and
    /// says from which step on it kept nothing more; the run itself goes on.
    /// </summary>
    [Range(1_024, long.MaxValue)]
    public long InspectionBytesPerRun { get; set; } = 4 * 1024 * 1024;

    /// <summary>Days a finished run's inspection data is kept (counted from the run's last change); its history stays.</summary>
    [Range(1, 36_500)]
    public int InspectionRetentionDays { get; set; } = 90;

    /// <summary>How often the retention job looks for inspection data past its days.</summary>
    [Range(1, 1_440)]
    public int InspectionSweepMinutes { get; set; } = 60;
}
