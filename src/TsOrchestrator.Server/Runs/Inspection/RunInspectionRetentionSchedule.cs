using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>At start, (re)schedules the one repeating trigger of <see cref="RunInspectionRetentionJob"/> in the store-backed scheduler.</summary>
public sealed class RunInspectionRetentionSchedule(ISchedulerFactory schedulers, IOptions<RunInspectionOptions> options) : IHostedService
{
    private static readonly JobKey Job = new("run-inspection-retention", "runs");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunInspectionRetentionJob>().WithIdentity(Job).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("run-inspection-retention", "runs")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.Value.InspectionSweepMinutes)).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
