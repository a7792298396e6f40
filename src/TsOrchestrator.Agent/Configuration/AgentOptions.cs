namespace TsOrchestrator.Agent.Configuration;

/// <summary>What the agent is told on its command line or in its environment (<c>TSORCH_AGENT_*</c>).</summary>
internal sealed record AgentOptions
{
    /// <summary>
    /// The site's server URLs in the order they are tried (nodes of one site, or a load balancer): the agent uses one at
    /// a time and moves to the next when it does not answer (see <c>ServerChoice</c>).
    /// </summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    public string? EnrollmentToken { get; init; }

    /// <summary>Holds the device identity, the checkpoint journal, step logs and the content cache.</summary>
    public required string StateDirectory { get; init; }

    public TimeSpan CheckInInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the agent asks whether the run it works on was cancelled or timed out while a step runs.</summary>
    public TimeSpan RunWatchInterval { get; init; } = TimeSpan.FromSeconds(5);

    public RestartMode RestartMode { get; init; } = RestartMode.Reboot;

    /// <summary>Running from boot media (WinPE/PXE in Configuration Manager's terms).</summary>
    public bool InBootMedia { get; init; }

    /// <summary>
    /// The state folder is in RAM (the boot image's init starts the agent so until a disk holds a file system): after
    /// Format and Partition Disk the agent exits with <see cref="AgentExitCodes.StateToDisk"/>, and init moves the
    /// folder onto the disk as Configuration Manager moves _SMSTaskSequence, so a power loss no longer loses the run.
    /// </summary>
    public bool StateToDisk { get; init; }

    /// <summary>The root folder Apply Operating System Image writes into and Capture Operating System Image reads.</summary>
    public string? TargetRoot { get; init; }

    /// <summary>
    /// The whole disks Format and Partition Disk may use, in order (disk 0 first); empty to use the real disks the
    /// kernel lists (see <c>WholeDisks</c>). Naming them is how a lab or a test hands the agent loop devices.
    /// </summary>
    public IReadOnlyList<string> Disks { get; init; } = [];

    /// <summary>Where the agent mounts the partitions its image steps apply to, one folder per partition.</summary>
    public string MountRoot { get; init; } = "/run/tsorch/targets";

    public string LogDirectory => Path.Combine(StateDirectory, "logs");
}
