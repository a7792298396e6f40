using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// One deployment as a device's check-in weighs it: the deployment (with the device's batch times when it is a phase of a
/// phased deployment), its sequence's latest version (null when the sequence is gone) and this device's runs of it.
/// </summary>
public sealed record DeploymentCandidate
{
    public required DeploymentEntity Deployment { get; init; }

    public required TaskSequence? Sequence { get; init; }

    public required bool HighImpact { get; init; }

    /// <summary>The sequence's row as read for this decision (null when the sequence is gone): a run it starts needs no second read.</summary>
    public TaskSequenceEntity? SequenceEntity { get; init; }

    public DeploymentBatchEntity? Batch { get; init; }

    /// <summary>False only when the explainer is asked about a deployment whose collection the device is not in.</summary>
    public bool InCollection { get; init; } = true;

    public required IReadOnlyList<(string RunId, string Status, DateTimeOffset CreatedAt)> Runs { get; init; }

    /// <summary>The device's latest run of it failed in the sequence's "run another program first" step.</summary>
    public bool LastRunFailedInProgramFirst { get; init; }
}
