using Quartz;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>Ends a run that reached its sequence's maximum allowed run time (status TimedOut).</summary>
public sealed partial class RunTimeoutJob(RunRuntime runtime, ILogger<RunTimeoutJob> logger) : IJob
{
    public const string RunIdKey = "runId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runId = context.MergedJobDataMap.GetString(RunIdKey)!;
        try
        {
            // A run that already ended ignores the event: firing twice (a second node, a restart) is harmless.
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
