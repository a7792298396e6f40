namespace TsOrchestrator.Contracts.PhasedDeployments;

/// <summary>One phase of a phased deployment as it is asked for; durations are in days (the site may scale a day, see the server's <c>PhasedDeployments:SecondsPerDay</c>).</summary>
public sealed record PhaseSettings
{
    public string? CollectionId { get; init; }

    /// <summary>Percentage of the phase's devices that must succeed before the next phase may begin, 1 to 100 (default 95).</summary>
    public int? SuccessPercent { get; init; }

    /// <summary><c>Automatic</c> (default: after <see cref="DeferralDays"/>) or <c>Manual</c> (an operator moves to the next phase).</summary>
    public string? BeginNext { get; init; }

    /// <summary>Automatic: days from meeting the success criteria to the next phase, 0 to 30 (default 1).</summary>
    public int? DeferralDays { get; init; }

    /// <summary><c>Required</c> (default) or <c>Available</c>.</summary>
    public string? Purpose { get; init; }

    /// <summary>Days over which the phase's devices get the deployment in equal batches, one a day, 0 to 30 (default 0: all at once).</summary>
    public int? GradualDays { get; init; }

    /// <summary>Required: days from a batch's availability to its deadline, 0 (as soon as possible) to 30 (default 7).</summary>
    public int? DeadlineDays { get; init; }
}
