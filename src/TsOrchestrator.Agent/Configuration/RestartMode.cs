namespace TsOrchestrator.Agent.Configuration;

/// <summary>How the agent restarts the device when a step asks for it.</summary>
internal enum RestartMode
{
    /// <summary>Restart the machine (Linux: <c>systemctl reboot</c>; Windows: the shutdown API).</summary>
    Reboot,

    /// <summary>Exit with <see cref="AgentExitCodes.RestartRequested"/> and let a supervisor start the agent again.</summary>
    Exit,
}
