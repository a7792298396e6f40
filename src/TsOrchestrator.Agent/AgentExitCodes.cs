namespace TsOrchestrator.Agent;

/// <summary>Exit codes a supervisor (systemd, a test harness) can act on.</summary>
internal static class AgentExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary><c>--restart-mode exit</c>: the run asked for a restart; start the agent again to go on.</summary>
    public const int RestartRequested = 194;

    /// <summary>
    /// <c>--state-to-disk</c>: Format and Partition Disk made file systems; move the state folder onto the disk
    /// (<c>_SMSTaskSequence</c>) and start the agent again there to go on with the run.
    /// </summary>
    public const int StateToDisk = 195;
}
