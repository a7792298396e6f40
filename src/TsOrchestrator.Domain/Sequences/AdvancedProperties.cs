using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>The Advanced tab of a task sequence's properties.</summary>
public sealed record AdvancedProperties
{
    /// <summary>Default maximum allowed run time in minutes.</summary>
    public const int DefaultMaximumRunTimeMinutes = 120;

    /// <summary>How long a "no limit" (0) run is treated as for monitoring.</summary>
    public const int UnlimitedRunTimeMonitoredMinutes = 720;

    /// <summary>A program run once per device before the sequence; null when none.</summary>
    public RunFirstProgram? RunAnotherProgramFirst { get; init; }

    /// <summary>No "new software is available" notification.</summary>
    public bool SuppressNotifications { get; init; }

    /// <summary>Whole minutes ≥ 0; 0 means no limit (monitored as 720).</summary>
    public int MaximumRunTimeMinutes { get; init; } = DefaultMaximumRunTimeMinutes;

    /// <summary>The boot image used for restarts into boot media.</summary>
    public string? BootImageId { get; init; }

    /// <summary>True: runs on any platform; false: only on <see cref="Platforms"/>, which must not be empty.</summary>
    public bool RunOnAnyPlatform { get; init; } = true;

    public IReadOnlyList<SupportedPlatform> Platforms { get; init; } = [];

    /// <summary>The run time used for maintenance windows and monitoring: 0 becomes 720.</summary>
    [JsonIgnore]
    public int EffectiveMaximumRunTimeMinutes =>
        MaximumRunTimeMinutes == 0 ? UnlimitedRunTimeMonitoredMinutes : MaximumRunTimeMinutes;
}
