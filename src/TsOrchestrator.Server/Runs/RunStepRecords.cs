using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>History rows as the API shows them, to the run monitor and in run details alike.</summary>
internal static class RunStepRecords
{
    public static RunStepRecord From(RunHistoryEntity row) => new()
    {
        Sequence = row.Sequence, Path = row.Path, Name = row.Name, StepType = row.StepType, Outcome = row.Outcome, Reason = row.Reason,
        ExitCode = row.ExitCode, Attempt = row.Attempt, StartedAt = row.StartedAt, EndedAt = row.EndedAt,
    };
}
