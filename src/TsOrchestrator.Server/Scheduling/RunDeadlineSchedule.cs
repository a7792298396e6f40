using Quartz;
using Microsoft.Extensions.Options;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>
/// At start, (re)schedules the one repeating trigger of <see cref="RunDeadlineJob"/> in the store-backed scheduler
/// (every node of a cluster does; replacing keeps one) and drops the per-run timeout triggers of earlier versions.
/// </summary>
public sealed class RunDeadlineSchedule(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options) : IHostedService
{
    private static readonly JobKey Job = new("run-deadlines", "runs");
    private const string LegacyPerRunGroup = "run-timeouts";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var legacy = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(LegacyPerRunGroup), cancellationToken);
        if (legacy.Count > 0)
        {
            await scheduler.DeleteJobs(legacy, cancellationToken);
        }

        var job = JobBuilder.Create<RunDeadlineJob>().WithIdentity(Job).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("run-deadlines", "runs")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.Value.DeadlineCheckSeconds)).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
