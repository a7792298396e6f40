using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// One repeating Quartz trigger per phased deployment, kept by Quartz in the store's database (clustered on
/// PostgreSQL, so one node evaluates it), removed when the phased deployment completes. Quartz's writes to a SQLite
/// store can meet another writer's commit between their read and their write ("database is locked" at once, not
/// after a wait); such a change is tried again a few times before it fails.
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
        await Scheduling.QuartzStoreRetries.RunAsync(() => scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken).AsTask(), cancellationToken);
    }

    /// <summary>
    /// Removes the trigger, and with it the job (not durable, it has no other). Two callers do this for the same
    /// phased deployment at once: its delete, and its evaluation finding it already deleted. Removing the trigger is
    /// one step in the store, so whichever comes second finds nothing and is content; Quartz's DeleteJob is two steps
    /// (list the job's triggers, then remove each) and fails with "Unable to unschedule trigger" when the other caller
    /// removed the trigger between them.
    /// </summary>
    public async Task UnscheduleAsync(string id, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await Scheduling.QuartzStoreRetries.RunAsync(() => scheduler.UnscheduleJob(new TriggerKey(id, Group), cancellationToken).AsTask(), cancellationToken);
    }
}
