namespace TsOrchestrator.Contracts.PhasedDeployments;

/// <summary>A phased deployment: its status, current phase and every phase.</summary>
public sealed record PhasedDeploymentInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string SequenceId { get; init; }

    /// <summary><c>Active</c>, <c>Suspended</c> or <c>Completed</c>.</summary>
    public required string Status { get; init; }

    public int CurrentPhase { get; init; }
    public int? HaltFailurePercent { get; init; }

    /// <summary>Why it is suspended (who suspended it, or the halt criterion's figures); null otherwise.</summary>
    public string? SuspendReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<PhaseInfo> Phases { get; init; }
}
