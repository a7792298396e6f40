namespace TsOrchestrator.Contracts.PhasedDeployments;

/// <summary>A phase with its settings, its deployment once begun, and where its devices stand.</summary>
public sealed record PhaseInfo
{
    public int Number { get; init; }
    public required string CollectionId { get; init; }
    public int SuccessPercent { get; init; }
    public required string BeginNext { get; init; }
    public int DeferralDays { get; init; }
    public required string Purpose { get; init; }
    public int GradualDays { get; init; }
    public int DeadlineDays { get; init; }

    /// <summary>The phase's deployment; null until the phase begins.</summary>
    public string? DeploymentId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CriteriaMetAt { get; init; }

    /// <summary>Devices of the phase (its collection's members when it began).</summary>
    public int Devices { get; init; }

    /// <summary>Devices whose latest run of the phase succeeded.</summary>
    public int Succeeded { get; init; }

    /// <summary>Devices whose latest run of the phase failed, was cancelled or timed out.</summary>
    public int Failed { get; init; }

    public double SucceededPercent { get; init; }
    public double FailedPercent { get; init; }
    public IReadOnlyList<PhaseBatchInfo> Batches { get; init; } = [];
}
