namespace TsOrchestrator.Contracts.Agents;

/// <summary>The agent started again after a restart: one it performed (expected), or a crash or power loss.</summary>
public sealed record RestartReport
{
    public bool Expected { get; init; }

    /// <summary>The work item outstanding at the restart, from the agent's journal.</summary>
    public string? WorkItemId { get; init; }

    /// <summary>
    /// Where the agent came back: in the boot image (true) or a full operating system (false), as a restart into the
    /// boot image or into the installed system changes it. Null from agents that do not say.
    /// </summary>
    public bool? InBootMedia { get; init; }
}
