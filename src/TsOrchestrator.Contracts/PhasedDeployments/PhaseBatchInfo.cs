namespace TsOrchestrator.Contracts.PhasedDeployments;

/// <summary>One batch of a phase's gradual rollout.</summary>
public sealed record PhaseBatchInfo
{
    /// <summary>From 0.</summary>
    public int Batch { get; init; }

    public required IReadOnlyList<string> DeviceIds { get; init; }
    public DateTimeOffset AvailableAt { get; init; }

    /// <summary>Required phases: when the batch's runs start by themselves.</summary>
    public DateTimeOffset? AssignmentAt { get; init; }
}
