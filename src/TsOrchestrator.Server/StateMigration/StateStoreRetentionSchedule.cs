using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>At start, (re)schedules the one repeating trigger of <see cref="StateStoreRetentionJob"/> in the store-backed scheduler.</summary>
public sealed class StateStoreRetentionSchedule(ISchedulerFactory schedulers, IOptions<StateMigrationOptions> options) : IHostedService
{
    private static readonly JobKey Job = new("state-store-retention", "state-migration");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<StateStoreRetentionJob>().WithIdentity(Job).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("state-store-retention", "state-migration")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.Value.SweepMinutes)).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
