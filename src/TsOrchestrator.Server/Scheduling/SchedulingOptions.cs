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

    /// <summary>
    /// How long a scheduler with nothing due waits before it looks at the store again. Only a trigger
    /// another cluster node scheduled needs the look: a node is told at once of its own.
    /// </summary>
    [Range(1, 300)]
    public int IdleWaitSeconds { get; set; } = 30;

    /// <summary>
    /// How often open runs are checked against their maximum run time deadline: a run is stopped at most this
    /// long after its deadline (Configuration Manager's maximum run time is counted in minutes).
    /// </summary>
    [Range(1, 60)]
    public int DeadlineCheckSeconds { get; set; } = 5;

    /// <summary>
    /// How often the openings of the coming period (deployments becoming available or due, maintenance windows
    /// opening) are planned as triggers that tell the devices at the time; each plan looks twice this far ahead.
    /// </summary>
    [Range(1, 1440)]
    public int OpeningPlanMinutes { get; set; } = 60;
}
