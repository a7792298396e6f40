using Quartz;

namespace TsOrchestrator.Server.Openings;

/// <summary>
/// Plans the openings of the next <see cref="OpeningSchedule.Horizon"/> on one repeating trigger: recurring
/// maintenance windows and assignments, and anything saved on another node or before this node started.
/// A deployment or window saved here is planned at once besides (see the device notification dispatcher).
/// </summary>
[DisallowConcurrentExecution]
public sealed class OpeningPlanJob(OpeningPlanner planner, OpeningSchedule schedule, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await schedule.ScheduleAsync(await planner.InAsync(now, now + schedule.Horizon, null, null, cancellationToken), cancellationToken);
    }
}
