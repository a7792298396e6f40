using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.MaintenanceWindows;

/// <summary>
/// When a required sequence will next be allowed to start by <see cref="MaintenanceWindowSchedule.AllowsStart"/>, found by
/// asking it at every moment that can newly allow a start: a start only becomes possible where a window opens.
/// </summary>
public static class MaintenanceWindowFit
{
    /// <summary>How far ahead a start is looked for: a window recurring at most every year is seen.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    /// <summary>The first moment at or after <paramref name="from"/> when the sequence may start, or null when none comes before the horizon.</summary>
    public static DateTimeOffset? NextStart(IReadOnlyCollection<MaintenanceWindowEntity> windows, int maximumRunTimeMinutes, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (MaintenanceWindowSchedule.AllowsStart(windows, maximumRunTimeMinutes, from))
        {
            return from;
        }

        foreach (var opening in Openings(windows, from))
        {
            if (MaintenanceWindowSchedule.AllowsStart(windows, maximumRunTimeMinutes, opening))
            {
                return opening;
            }
        }

        return null;
    }

    /// <summary>The longest the windows stay open from any opening before the horizon (overlapping windows combined), looked at up to <paramref name="enough"/>.</summary>
    public static TimeSpan LongestOpen(IReadOnlyCollection<MaintenanceWindowEntity> windows, DateTimeOffset from, TimeSpan enough)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var longest = TimeSpan.Zero;
        foreach (var opening in Openings(windows, from))
        {
            if (MaintenanceWindowSchedule.OpenUntil(windows, opening, opening + enough) is { } end && end - opening > longest)
            {
                longest = end - opening;
            }
        }

        return longest;
    }

    /// <summary>Every window occurrence's opening after <paramref name="from"/> and before the horizon, earliest first.</summary>
    private static SortedSet<DateTimeOffset> Openings(IReadOnlyCollection<MaintenanceWindowEntity> windows, DateTimeOffset from)
    {
        var until = from + Horizon;
        var openings = new SortedSet<DateTimeOffset>();
        foreach (var window in windows.Where(w => w.DurationMinutes > 0))
        {
            for (var next = RecurrenceMath.NextOccurrence(window.Start, window.Recurrence, window.Interval, from); next is { } at && at <= until;
                 next = RecurrenceMath.NextOccurrence(window.Start, window.Recurrence, window.Interval, at))
            {
                openings.Add(at);
            }
        }

        return openings;
    }
}
