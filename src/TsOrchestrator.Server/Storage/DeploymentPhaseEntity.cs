namespace TsOrchestrator.Server.Storage;

/// <summary>One phase of a <see cref="PhasedDeploymentEntity"/>: a collection and the criteria and settings of its deployment.</summary>
public sealed class DeploymentPhaseEntity
{
    public required string PhasedDeploymentId { get; set; }

    /// <summary>Order of the phase, from 1.</summary>
    public int Number { get; set; }

    public required string CollectionId { get; set; }

    /// <summary>Percentage of the phase's devices that must have succeeded before the next phase may begin.</summary>
    public int SuccessPercent { get; set; } = 95;

    public PhaseBeginCriteria BeginNext { get; set; } = PhaseBeginCriteria.Automatic;

    /// <summary>Automatic begin: days after the success criteria were met before the next phase begins.</summary>
    public int DeferralDays { get; set; } = 1;

    public DeploymentPurpose Purpose { get; set; } = DeploymentPurpose.Required;

    /// <summary>Days over which the phase's devices get the deployment in equal batches, one batch a day; 0 is all at once.</summary>
    public int GradualDays { get; set; }

    /// <summary>Required: days after a batch becomes available until it is required; 0 is as soon as possible.</summary>
    public int DeadlineDays { get; set; } = 7;

    /// <summary>The deployment created when the phase began; null before.</summary>
    public string? DeploymentId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the evaluation first saw the success criteria met (the deferral counts from here).</summary>
    public DateTimeOffset? CriteriaMetAt { get; set; }
}
