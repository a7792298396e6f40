using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Installs the agent into the applied system so the run goes on there after the restart: the binary, the server it
/// talks to, the device's identity and the run's journal, then the service (a systemd unit, else a busybox init line)
/// last, so the agent starts in the new system only once everything it needs is in place.
/// </summary>
internal static class AgentInstaller
{
    public const string BinaryPath = "/usr/local/bin/tsorch-agent";
    public const string StatePath = "/var/lib/tsorch-agent";
    public const string EnvironmentPath = "/etc/tsorch-agent.env";
    public const string UnitPath = "/etc/systemd/system/tsorch-agent.service";
    public const string UnitLink = "/etc/systemd/system/multi-user.target.wants/tsorch-agent.service";

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Installs the agent; <c>finished</c> is the journal record the agent finds in the new system (this step, finished).</summary>
    /// <returns>The agent's state folder in the target (the host path), for the journal's mirror.</returns>
    public static string Install(string root, string binary, StepContext context, CheckpointRecord finished, TimeProvider clock)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new StepFailedException("installing the agent into an applied Linux system is done from Linux only");
        }

        var services = ServiceManager(root);
        var target = TargetPath.Resolve(root, BinaryPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".tsorch-new";
        File.Copy(binary, temporary, overwrite: true);
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temporary, Executable);
        File.Move(temporary, target, overwrite: true);
        context.Log.Line($"agent {binary} installed as {BinaryPath}");

        TargetPath.WriteFile(root, EnvironmentPath, $"TSORCH_AGENT_SERVER={string.Join(',', context.Options.Servers)}\n", Readable);

        var state = TargetPath.Folder(root, StatePath);
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var identity = Path.Combine(context.Options.StateDirectory, "device.json");
        if (File.Exists(identity))
        {
            // The key is the device's password: the copy is as private as the original.
            TargetPath.WriteFile(root, StatePath + "/device.json", File.ReadAllText(identity), Private);
        }
        else
        {
            context.Log.Line("the agent has no device identity file to carry over: the installed agent registers again with its enrollment token");
        }

        new CheckpointJournal(state, clock).Write(finished);
        DirectorySync.Flush(state);
        context.Log.Line($"the run's journal written to {StatePath}: this step finished, so the new system goes on after it");

        if (services == "systemd")
        {
            using var unit = typeof(AgentInstaller).Assembly.GetManifestResourceStream("tsorch-agent.service")
                             ?? throw new StepFailedException("the agent was built without its systemd unit (tsorch-agent.service)");
            TargetPath.WriteFile(root, UnitPath, new StreamReader(unit).ReadToEnd(), Readable);
            var link = TargetPath.Resolve(root, UnitLink);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.Delete(link);
            File.CreateSymbolicLink(link, UnitPath);
            context.Log.Line($"systemd unit {UnitPath} installed and enabled (multi-user.target)");
        }
        else
        {
            var line = $"::respawn:{BinaryPath} run --server {string.Join(',', context.Options.Servers)} --state-dir {StatePath}";
            var inittab = TargetPath.ReadFile(root, "/etc/inittab") ?? "";
            var lines = inittab.TrimEnd('\n').Split('\n').Where(l => !l.Contains(BinaryPath, StringComparison.Ordinal)).Append(line);
            TargetPath.WriteFile(root, "/etc/inittab", string.Join('\n', lines).TrimStart('\n') + "\n", Readable);
            context.Log.Line("busybox init: the agent respawns from /etc/inittab");
        }

        return state;
    }

    /// <summary>systemd when the target boots with it, else busybox init with an inittab; anything else cannot start the agent.</summary>
    private static string ServiceManager(string root)
    {
        if (TargetPath.Exists(root, "/lib/systemd/systemd") || TargetPath.Exists(root, "/usr/lib/systemd/systemd"))
        {
            return "systemd";
        }

        if (TargetPath.Exists(root, "/etc/inittab") || TargetPath.Exists(root, "/bin/busybox"))
        {
            return "inittab";
        }

        throw new StepFailedException("the applied system has neither systemd nor busybox init (/etc/inittab): the agent cannot be installed as a service there");
    }
}
