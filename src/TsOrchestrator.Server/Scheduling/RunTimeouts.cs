using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>
/// Quartz triggers for runs' maximum run time, kept by Quartz in the store's database, so a server
/// restart loses no timeout and a deadline that passed while the server was down fires once at start.
/// The run's deadline is also saved with the run: <see cref="RunTimeoutRecovery"/> schedules every open
/// one again at start, which closes the gap between a run's commit and its trigger's.
/// </summary>
public sealed class RunTimeouts(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options)
{
    public TimeSpan RunTime(int effectiveMinutes) => TimeSpan.FromSeconds((double)effectiveMinutes * options.Value.SecondsPerRunTimeMinute);

    public async Task ScheduleAsync(string runId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunTimeoutJob>()
            .WithIdentity(runId, "run-timeouts")
            .UsingJobData(RunTimeoutJob.RunIdKey, runId)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(runId, "run-timeouts")
            .StartAt(deadline)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
