using System.Diagnostics;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// Where one step program's processes live, so that all of them end together — the children it forked and those
/// that left it (<c>sleep 300 &amp;</c>, a daemon) too — on cancel and time-out, and, through a record in the state
/// folder, at the agent's next start after it was killed mid-step. Linux and macOS: a process group
/// (<see cref="PosixProcessGroup"/>). Windows: TODO, a job object (kill-on-close); until then <see cref="NoProcessGroup"/>,
/// which leaves it to the kill of the process tree.
/// </summary>
internal interface IStepProcessGroup
{
    /// <summary>Changes the start so that the program runs in a group of its own.</summary>
    void Prepare(ProcessStartInfo start);

    /// <summary>Ends every process still in the group (cancel, time-out).</summary>
    void Kill(Process process);

    /// <summary>The program ended by itself: the group is no longer an interrupted step's (what it left running stays).</summary>
    void Release();
}
