namespace TsOrchestrator.Contracts.Agents;

/// <summary>The agent started again after a restart: one it performed (expected), or a crash or power loss.</summary>
public sealed record RestartReport
{
    public bool Expected { get; init; }

    /// <summary>The work item outstanding at the restart, from the agent's journal.</summary>
    public string? WorkItemId { get; init; }
}
