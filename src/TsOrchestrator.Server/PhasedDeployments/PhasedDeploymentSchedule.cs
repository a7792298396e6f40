using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// One repeating Quartz trigger per phased deployment, kept by Quartz in the store's database (clustered on
/// PostgreSQL, so one node evaluates it), removed when the phased deployment completes.
/// </summary>
public sealed class PhasedDeploymentSchedule(ISchedulerFactory schedulers, IOptions<PhasedDeploymentOptions> options)
{
    private const string Group = "phased-deployments";

    public async Task ScheduleAsync(string id, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<PhasedDeploymentJob>().WithIdentity(id, Group).UsingJobData(PhasedDeploymentJob.IdKey, id).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(id, Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.Value.EvaluationIntervalSeconds)).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task UnscheduleAsync(string id, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(new JobKey(id, Group), cancellationToken);
    }
}
