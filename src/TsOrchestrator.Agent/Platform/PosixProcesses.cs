using System.Runtime.InteropServices;

namespace TsOrchestrator.Agent.Platform;

/// <summary>The libc calls behind process groups (Linux, macOS), declared for Native AOT (generated marshalling).</summary>
internal static partial class PosixProcesses
{
    public const int SigKill = 9;
    private const int SigPipe = 13;
    private const int NotPermitted = 1; // EPERM
    private const int NoSuchProcess = 3; // ESRCH
    private const nint DefaultAction = 0; // SIG_DFL
    private const int SetMask = 2; // SIG_SETMASK (Linux and macOS)

    /// <summary>Makes the calling process the leader of a new session and process group; returns its id (its pid).</summary>
    public static int NewSession()
    {
        var group = SetSid();
        return group >= 0 ? group : throw new IOException($"setsid failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>
    /// SIGKILL to every process of the group; false when none is left, or none may be signalled by the agent's user
    /// (a member that changed its user): the cancel and start paths go on rather than fail on what they cannot end.
    /// </summary>
    public static bool KillGroup(int processGroup)
    {
        if (processGroup <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(processGroup), processGroup, "not a step's process group");
        }

        if (Kill(-processGroup, SigKill) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error is NoSuchProcess or NotPermitted ? false : throw new IOException($"kill of process group {processGroup} failed (errno {error})");
    }

    /// <summary>
    /// Replaces this process with <paramref name="program"/>, as a shell's <c>exec</c> does. The runtime ignores SIGPIPE
    /// and an ignored signal survives exec, so it goes back to its default first (the step's program expects that).
    /// Returns only on failure, with the errno.
    /// </summary>
    public static unsafe int Exec(string program, IReadOnlyList<string> arguments)
    {
        _ = Signal(SigPipe, DefaultAction);
        var none = stackalloc byte[128]; // an empty sigset_t (128 bytes with glibc, fewer elsewhere)
        new Span<byte>(none, 128).Clear();
        _ = SigProcMask(SetMask, (nint)none, 0);

        var argv = new nint[arguments.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(program);
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            _ = ExecVp(program, argv);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SigProcMask(int how, nint set, nint oldSet);

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVp(string file, nint[] argv);
}
