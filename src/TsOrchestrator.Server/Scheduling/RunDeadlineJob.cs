using Microsoft.EntityFrameworkCore;
using Quartz;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>
/// Ends every open run past its maximum allowed run time (status TimedOut). The deadline is saved with the run
/// when it starts, so one repeating trigger finds them all: a trigger per run would cost a scheduler transaction
/// on every run start, outside the run commit writer, on the store's single SQLite write lock.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RunDeadlineJob(StoreContext store, RunRuntime runtime, TimeProvider clock, ILogger<RunDeadlineJob> logger) : IJob
{
    private const int Batch = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<string> due;
        do
        {
            due = await store.Runs.AsNoTracking().Where(r => RunStatuses.Open.Contains(r.Status) && r.Deadline != null && r.Deadline <= now)
                .OrderBy(r => r.Deadline).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var runId in due)
            {
                await TimeOutAsync(runId, cancellationToken);
            }
        }
        while (due.Count == Batch);
    }

    private async Task TimeOutAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            // A run that ended meanwhile ignores the event: a second node or a late check is harmless.
            var run = await runtime.ApplyAsync(runId, new RunTimedOut(), cancellationToken);
            if (run.Status == nameof(RunStatus.TimedOut))
            {
                LogTimedOut(logger, runId);
            }
        }
        catch (ApiProblemException)
        {
            // The run is gone: nothing to time out.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} reached its maximum run time and was stopped")]
    private static partial void LogTimedOut(ILogger logger, string runId);
}
