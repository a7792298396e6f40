using Quartz;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>Run inspection's retention sweep, on one repeating trigger (one node of a cluster fires it).</summary>
[DisallowConcurrentExecution]
public sealed class RunInspectionRetentionJob(RunInspectionRetention retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await retention.SweepAsync(cancellationToken);
}
