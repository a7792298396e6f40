using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace TsOrchestrator.Server.Openings;

/// <summary>
/// One Quartz trigger per opening, at its time, kept in the store's database like the site's other triggers (on
/// PostgreSQL, clustered: one node fires it). Named by the opening, so planning the same opening again (the
/// repeating plan, a deployment saved twice, every node at start) replaces it rather than adding a second.
/// </summary>
public sealed class OpeningSchedule(ISchedulerFactory schedulers, TimeProvider clock, IOptions<Scheduling.SchedulingOptions> options)
{
    public const string Group = "openings";

    /// <summary>How far ahead each plan looks: twice its interval, so that a late plan still finds what the next one would.</summary>
    public TimeSpan Horizon => TimeSpan.FromMinutes(2 * options.Value.OpeningPlanMinutes);

    public async Task ScheduleAsync(IEnumerable<Opening> openings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openings);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var opening in openings)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{opening.Kind}-{opening.Id}-{opening.At.UtcTicks}");
            var job = JobBuilder.Create<OpeningJob>().WithIdentity(name, Group)
                .UsingJobData(OpeningJob.KindKey, opening.Kind).UsingJobData(OpeningJob.IdKey, opening.Id).Build();
            // An opening already past when planned (saved a moment before its time) fires at once.
            var trigger = TriggerBuilder.Create().WithIdentity(name, Group)
                .StartAt(opening.At > clock.GetUtcNow() ? opening.At : clock.GetUtcNow())
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await Scheduling.QuartzStoreRetries.RunAsync(() => scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).AsTask(), cancellationToken);
        }
    }
}
