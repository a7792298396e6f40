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

    /// <summary>Whether a required deployment whose sequence has this maximum run time may start now.</summary>
    public static bool AllowsStart(IReadOnlyCollection<MaintenanceWindowEntity> windows, int maximumRunTimeMinutes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return true;
        }

        foreach (var window in windows)
        {
            if (OpenUntil(window, now) is { } end &&
                (maximumRunTimeMinutes == 0 || now.AddMinutes(maximumRunTimeMinutes) <= end))
            {
                return true;
            }
        }

        return false;
    }
}
