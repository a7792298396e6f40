using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>Phased deployments (section <c>PhasedDeployments</c>).</summary>
public sealed class PhasedDeploymentOptions
{
    public const string Section = "PhasedDeployments";

    /// <summary>
    /// Seconds in one "day" of a phase's deferral, gradual rollout and deadline. 86,400 in production; tests shorten
    /// it so real Quartz evaluations begin phases and batches within seconds, the same way
    /// <c>Scheduling:SecondsPerRunTimeMinute</c> scales maximum run times.
    /// </summary>
    [Range(1, 86_400)]
    public int SecondsPerDay { get; set; } = 86_400;

    /// <summary>How often each active phased deployment is evaluated (success and failure figures, next phase, halt).</summary>
    [Range(1, 3_600)]
    public int EvaluationIntervalSeconds { get; set; } = 60;

    public TimeSpan Day => TimeSpan.FromSeconds(SecondsPerDay);
}
