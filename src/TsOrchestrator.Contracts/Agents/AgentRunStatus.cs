namespace TsOrchestrator.Contracts.Agents;

/// <summary>What an agent polling a run learns: its status, the work item to do, or the post action at the end.</summary>
public sealed record AgentRunStatus
{
    public required string RunId { get; init; }

    /// <summary><c>Running</c>, <c>Succeeded</c>, <c>Failed</c>, <c>Cancelled</c> or <c>TimedOut</c>.</summary>
    public required string Status { get; init; }

    public AgentWorkItem? WorkItem { get; init; }

    /// <summary><c>SMSTSPostAction</c> to run once the run has ended, if set.</summary>
    public string? PostAction { get; init; }

    /// <summary>
    /// The secret values the server revealed inside <see cref="PostAction"/> (a secret variable it was set from): the
    /// agent masks them in what it logs of the post action. Null when it holds none, and from older servers.
    /// </summary>
    public IReadOnlyList<string>? PostActionSecrets { get; init; }
}
