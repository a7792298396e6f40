using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>Scheduling (section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Seconds in one minute of maximum allowed run time. 60 in production; tests shorten it to watch
    /// real Quartz timers fire within seconds.
    /// </summary>
    [Range(1, 60)]
    public int SecondsPerRunTimeMinute { get; set; } = 60;
}
