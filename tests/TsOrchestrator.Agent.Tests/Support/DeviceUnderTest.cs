using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.Support;

/// <summary>
/// One device: a state folder and the real <c>tsorch-agent</c> process, started with <c>--restart-mode exit</c> so that
/// the test is the supervisor that brings it back after a restart (or after killing it).
/// </summary>
internal sealed class DeviceUnderTest : IDisposable
{
    public const string AgentBinaryVariable = "TSORCH_AGENT_BINARY";

    private readonly Func<string> _serverUrl;
    private readonly Func<string> _serverLog;
    private readonly StringBuilder _output = new();

    public DeviceUnderTest(ServerProcess server)
        : this(() => server.Url, () => server.Log)
    {
    }

    /// <summary>A device of a server the test plays itself (one that answers what a real one never would).</summary>
    public DeviceUnderTest(Func<string> serverUrl, Func<string> serverLog)
    {
        _serverUrl = serverUrl;
        _serverLog = serverLog;
        StateDirectory = Directory.CreateTempSubdirectory("tsorch-agent-state-").FullName;
        Files = Directory.CreateTempSubdirectory("tsorch-agent-files-").FullName;
    }

    public string StateDirectory { get; }

    /// <summary>A folder the test's steps write into.</summary>
    public string Files { get; }

    public int Restarts { get; private set; }

    /// <summary>The token the agent enrolls with (the site's, unless a test says otherwise).</summary>
    public string EnrollmentToken { get; init; } = ServerProcess.EnrollmentToken;

    /// <summary>The agent's <c>--target-root</c>, the system that OS image steps replace, when set.</summary>
    public string? TargetRoot { get; set; }

    /// <summary>Started with <c>--boot-media</c>: the agent is in the boot image (the test plays the firmware choosing what boots).</summary>
    public bool BootMedia { get; set; }

    /// <summary>The agent's <c>--disk</c> devices (loop devices) and <c>--mount-root</c>, when set.</summary>
    public IReadOnlyList<string> Disks { get; init; } = [];

    public string? MountRoot { get; init; }

    /// <summary>More <c>--server</c> URLs after the first, each as its own option: other nodes of the same site.</summary>
    public IReadOnlyList<string> ExtraServers { get; init; } = [];

    /// <summary>
    /// Runs the agent's own executable rather than <c>dotnet tsorch-agent.dll</c>, so that Setup Operating System finds
    /// a binary to install into the applied system.
    /// </summary>
    public bool AsExecutable { get; init; }

    public string DeviceId =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDirectory, "device.json"))).RootElement.GetProperty("deviceId").GetString()!;

    public string JournalPath => Path.Combine(StateDirectory, "journal.json");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>tsorch-agent run --once</c>: it returns once a check-in finds nothing (left) to run.</summary>
    /// <summary>Variables the agent's process gets on top of the test's own environment (e.g. <c>LANG</c>).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    public Process Start(string? server = null) => Start(["run", "--once"], server);

    /// <summary>The agent's <c>--run-watch-interval</c> in seconds (short by default, so that tests of a cancel do not wait).</summary>
    public string RunWatchSeconds { get; init; } = "0.2";

    /// <summary>Starts <c>tsorch-agent run</c> as the service it is on a device: it checks in every <paramref name="checkInSeconds"/> and never returns by itself.</summary>
    public Process StartService(int checkInSeconds) =>
        Start(["run", "--check-in-interval", checkInSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>Starts the boot-media wizard, answered through its standard input.</summary>
    public Process StartBootWizard() => Start(["boot"]);

    private Process Start(string[] command, string? server = null)
    {
        // TSORCH_AGENT_BINARY names a published agent (the Native AOT one) to run the same tests against; by default
        // the framework-dependent build runs under dotnet.
        var binary = Environment.GetEnvironmentVariable(AgentBinaryVariable) is { Length: > 0 } published ? published
            : AsExecutable ? RepositoryPaths.Built("TsOrchestrator.Agent", "tsorch-agent") : null;
        var start = new ProcessStartInfo(string.IsNullOrEmpty(binary) ? "dotnet" : binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var argument in (string[])
                 [
                     .. string.IsNullOrEmpty(binary) ? [RepositoryPaths.Built("TsOrchestrator.Agent", "tsorch-agent.dll")] : (string[])[],
                     .. command, "--server", server ?? _serverUrl(),
                     .. server is null ? ExtraServers.SelectMany(s => (string[])["--server", s]) : Array.Empty<string>(),
                     "--enrollment-token", EnrollmentToken, "--state-dir", StateDirectory, "--restart-mode", "exit",
                     "--run-watch-interval", RunWatchSeconds,
                     .. TargetRoot is null ? Array.Empty<string>() : ["--target-root", TargetRoot],
                     .. BootMedia ? ["--boot-media"] : Array.Empty<string>(),
                     .. Disks.SelectMany(d => (string[])["--disk", d]),
                     .. MountRoot is null ? Array.Empty<string>() : ["--mount-root", MountRoot],
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the agent until it has nothing left to do, starting it again after every restart it asks for.</summary>
    public async Task RunUntilIdleAsync(int maxStarts = 20)
    {
        for (var start = 0; start < maxStarts; start++)
        {
            using var process = Start();
            var exitCode = await WaitAsync(process);
            if (exitCode == 0)
            {
                return;
            }

            exitCode.ShouldBe(194, $"the agent failed; its output:\n{Output}");
            Restarts++;
        }

        throw new ShouldAssertException($"the agent was still restarting after {maxStarts} starts; its output:\n{Output}");
    }

    /// <summary>The exit code; bounded so that a hang fails the test instead of the whole run.</summary>
    public async Task<int> WaitAsync(Process process, int seconds = 120)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"the agent did not exit within {seconds} s; its output:\n{Output}\nserver:\n{_serverLog()}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL: the agent gets no chance to write anything, as when the power goes.</summary>
    public static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The journal's state and work item, read raw (as the agent would find it on its next start).</summary>
    public (string State, string WorkItemId, string Path)? JournalRecord()
    {
        if (!File.Exists(JournalPath))
        {
            return null;
        }

        var root = JsonDocument.Parse(File.ReadAllText(JournalPath)).RootElement;
        return (root.GetProperty("state").GetString()!, root.GetProperty("workItemId").GetString()!, root.GetProperty("path").GetString()!);
    }

    public void Dispose()
    {
        Directory.Delete(StateDirectory, recursive: true);
        Directory.Delete(Files, recursive: true);
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
