using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace TsOrchestrator.Testing;

/// <summary>
/// The real server, started as its own process on a free loopback port with a fresh data folder (a SQLite file).
/// It can be killed and started again on the same port and data, as a crashed server would be.
/// With <see cref="Program"/> set to <see cref="DistributionPointProgram"/> it is a distribution point instead
/// (<see cref="DistributionPointProcess"/> starts one).
/// </summary>
public sealed class ServerProcess : IAsyncLifetime
{
    public const string EnrollmentToken = "test-enrollment";
    public const string SiteServerProgram = "TsOrchestrator.Server";
    public const string DistributionPointProgram = "TsOrchestrator.DistributionPoint";

    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <summary>More configuration for the process, e.g. <c>--Uploads:MaxRequestBodyBytes=65536</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The project whose program runs: <see cref="SiteServerProgram"/> or <see cref="DistributionPointProgram"/>.</summary>
    public string Program { get; init; } = SiteServerProgram;

    /// <summary>Environment variables for the process on top of the test's own (e.g. systemd's <c>NOTIFY_SOCKET</c>).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    public string Url { get; private set; } = "";
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("tsorch-server-").FullName;
    /// <summary>The server's process id while it runs (for its memory figures).</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>The exit code once the server has stopped by itself (a start it refused), else null.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    public string Key => File.ReadAllText(Path.Combine(DataDirectory, "admin.key")).Trim();

    public async Task InitializeAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Url = $"http://127.0.0.1:{port}";
        await StartAsync();
    }

    /// <summary>Kills the server (no graceful shutdown, like a crash) and starts it again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    /// <summary>
    /// SIGSTOP: the server stalls as a swapped-out or debugged host does, its port open and its connections
    /// accepted, answering nothing until <see cref="Thaw"/>. <see cref="KillAsync"/> ends a frozen server as well.
    /// </summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: the frozen server goes on where it stopped.</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>) on its port and data folder, and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DataDirectory };
        // Tests make their source folders anywhere under the temp folder; the data folder stays refused.
        string[] siteServer = Program == SiteServerProgram ? [$"--Agents:EnrollmentToken={EnrollmentToken}", $"--Content:SourceRoots:0={Path.GetTempPath()}"] : [];
        foreach (var arg in (string[])[Built(Program), "--urls", Url, $"--Storage:DataDirectory={DataDirectory}", .. siteServer, .. ExtraArguments])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Three minutes: a first start migrates a fresh store, and on a 2-core machine shared with builds and other test
        // runs (load averages of 30 and more) a start has taken over a minute.
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 720; attempt++)
        {
            if (process.HasExited)
            {
                // Its last lines may still be on their way through the output readers: the refusal a test reads among them.
                await process.WaitForExitAsync();
                break;
            }

            try
            {
                if ((await http.GetAsync(new Uri($"{Url}/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"the server did not answer at {Url}; its output:\n{Log}");
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>The program built beside the tests, in the same configuration.</summary>
    private static string Built(string program) => RepositoryPaths.Built(program, program + ".dll");
}
