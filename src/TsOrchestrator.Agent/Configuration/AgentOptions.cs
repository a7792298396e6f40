namespace TsOrchestrator.Agent.Configuration;

/// <summary>What the agent is told on its command line or in its environment (<c>TSORCH_AGENT_*</c>).</summary>
internal sealed record AgentOptions
{
    public required Uri Server { get; init; }
    public string? EnrollmentToken { get; init; }

    /// <summary>Holds the device identity, the checkpoint journal, step logs and the content cache.</summary>
    public required string StateDirectory { get; init; }

    public TimeSpan CheckInInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the agent asks whether the run it works on was cancelled or timed out while a step runs.</summary>
    public TimeSpan RunWatchInterval { get; init; } = TimeSpan.FromSeconds(5);

    public RestartMode RestartMode { get; init; } = RestartMode.Reboot;

    /// <summary>Running from boot media (WinPE/PXE in Configuration Manager's terms).</summary>
    public bool InBootMedia { get; init; }

    /// <summary>The root folder Apply Operating System Image writes into and Capture Operating System Image reads.</summary>
    public string? TargetRoot { get; init; }

    public string LogDirectory => Path.Combine(StateDirectory, "logs");
}
