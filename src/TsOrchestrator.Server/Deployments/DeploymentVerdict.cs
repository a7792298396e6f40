using TsOrchestrator.Contracts.Deployments;

namespace TsOrchestrator.Server.Deployments;

/// <summary>The check-in's decision on one deployment for one device: offered, started, or the reasons why not, and when it will start.</summary>
public sealed record DeploymentVerdict
{
    public required DeploymentCandidate Candidate { get; init; }

    public required bool Offered { get; init; }

    /// <summary>A required deployment this device already ran for the current assignment (offered, but not announced as new).</summary>
    public required bool AlreadyRun { get; init; }

    public required bool Starts { get; init; }

    /// <summary>Every reason it does not start now, the deciding one first; empty when it starts.</summary>
    public required IReadOnlyList<WhyNotReason> Reasons { get; init; }

    public DateTimeOffset? RunsAt { get; init; }

    public required string When { get; init; }
}
