using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.MaintenanceWindows;

/// <summary>
/// When maintenance windows are open, and whether a required task sequence may start now
/// (TS-SEMANTICS §5–6): a device in no collection with windows has no restriction; otherwise the run
/// must start inside an open window with its maximum run time left in it — a non-zero maximum longer
/// than the window never starts there, while 0 ("no limit") starts and may run past the window's end.
/// </summary>
public static class MaintenanceWindowSchedule
{
    /// <summary>The end of the window's occurrence that is open at <paramref name="now"/>, or null when it is closed.</summary>
    public static DateTimeOffset? OpenUntil(MaintenanceWindowEntity window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var end = RecurrenceMath.LatestOccurrence(window.Start, window.Recurrence, window.Interval, now) + TimeSpan.FromMinutes(window.DurationMinutes);
        return now < end ? end : null;
    }

    /// <summary>
    /// The end of the open stretch at <paramref name="now"/>, or null when every window is closed. Windows that overlap
    /// or touch count as one, as Configuration Manager combines them, so the stretch runs on through every window that
    /// opens before it ends. Only what lies before <paramref name="horizon"/> is followed (a daily 24-hour window never ends).
    /// </summary>
    public static DateTimeOffset? OpenUntil(IReadOnlyCollection<MaintenanceWindowEntity> windows, DateTimeOffset now, DateTimeOffset? horizon = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        DateTimeOffset? end = null;
        foreach (var window in windows)
        {
            if (OpenUntil(window, now) is { } closes && (end is null || closes > end))
            {
                end = closes;
            }
        }

        var limit = horizon ?? now.AddDays(1);
        for (var extended = end is not null; extended && end < limit;)
        {
            extended = false;
            foreach (var window in windows)
            {
                // The latest occurrence opening by the stretch's end is the one of this window that reaches furthest.
                if (RecurrenceMath.LatestOccurrence(window.Start, window.Recurrence, window.Interval, end!.Value) is { } opens &&
                    opens + TimeSpan.FromMinutes(window.DurationMinutes) is var closes && closes > end)
                {
                    end = closes;
                    extended = true;
                }
            }
        }

        return end;
    }

    /// <summary>Whether a required deployment whose sequence has this maximum run time may start now.</summary>
    public static bool AllowsStart(IReadOnlyCollection<MaintenanceWindowEntity> windows, int maximumRunTimeMinutes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return true;
        }

        var mustLastUntil = now.AddMinutes(maximumRunTimeMinutes);
        return OpenUntil(windows, now, mustLastUntil) is { } end && (maximumRunTimeMinutes == 0 || mustLastUntil <= end);
    }
}
