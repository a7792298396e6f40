using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.Openings;

/// <summary>At start, (re)schedules the one repeating trigger of <see cref="OpeningPlanJob"/> (every node does; replacing keeps one).</summary>
public sealed class OpeningPlanSchedule(ISchedulerFactory schedulers, IOptions<Scheduling.SchedulingOptions> options) : IHostedService
{
    private static readonly JobKey Job = new("opening-plan", OpeningSchedule.Group);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<OpeningPlanJob>().WithIdentity(Job).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("opening-plan", OpeningSchedule.Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.Value.OpeningPlanMinutes)).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
