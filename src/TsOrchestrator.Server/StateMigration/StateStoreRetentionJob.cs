using Quartz;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>The retention sweep of the state migration point, on one repeating trigger (one node of a cluster fires it).</summary>
[DisallowConcurrentExecution]
public sealed class StateStoreRetentionJob(StateStoreService stores) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await stores.SweepAsync(cancellationToken);
}
