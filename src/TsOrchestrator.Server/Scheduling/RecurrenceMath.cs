using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>Occurrences of a schedule that starts at a time and repeats every N days or weeks.</summary>
public static class RecurrenceMath
{
    /// <summary>The start of the latest occurrence at or before <paramref name="now"/>, or null before the first.</summary>
    public static DateTimeOffset? LatestOccurrence(DateTimeOffset start, Recurrence recurrence, int interval, DateTimeOffset now)
    {
        if (now < start)
        {
            return null;
        }

        if (recurrence == Recurrence.None)
        {
            return start;
        }

        var period = recurrence == Recurrence.Daily ? TimeSpan.FromDays(interval) : TimeSpan.FromDays(7 * interval);
        return start + TimeSpan.FromTicks((now - start).Ticks / period.Ticks * period.Ticks);
    }

    /// <summary>The start of the first occurrence after <paramref name="after"/>, or null when it never recurs again.</summary>
    public static DateTimeOffset? NextOccurrence(DateTimeOffset start, Recurrence recurrence, int interval, DateTimeOffset after)
    {
        if (after < start)
        {
            return start;
        }

        if (recurrence == Recurrence.None)
        {
            return null;
        }

        var period = recurrence == Recurrence.Daily ? TimeSpan.FromDays(interval) : TimeSpan.FromDays(7 * interval);
        return LatestOccurrence(start, recurrence, interval, after)!.Value + period;
    }
}
