using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>What one transition adds to its run's inspection: the rows, the run's new byte count and where it was capped.</summary>
public sealed record StepInspectionWrite(IReadOnlyList<RunStepInspectionEntity> Rows, long Bytes, int? CappedAt)
{
    public static StepInspectionWrite Unchanged(long bytes, int? cappedAt) => new([], bytes, cappedAt);
}
