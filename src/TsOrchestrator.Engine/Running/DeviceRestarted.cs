namespace TsOrchestrator.Engine.Running;

/// <summary>The agent came back after a restart: one it was asked for (expected), or not.</summary>
public sealed record DeviceRestarted : RunEvent
{
    public bool Expected { get; init; }

    /// <summary>The work item outstanding at the restart, when the agent's journal knows it.</summary>
    public string? WorkItemId { get; init; }

    /// <summary>The environment the device came back in, when known: <c>_SMSTSInWinPE</c> follows it.</summary>
    public bool? InBootMedia { get; init; }
}
