using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>The real server, started as its own process on a free loopback port with a fresh data folder.</summary>
public sealed class ServerProcess : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <summary>More configuration for the process, e.g. <c>--Server:Role=DistributionPoint</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public string Url { get; private set; } = "";
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("tsorch-cli-server-").FullName;
    public string Key => File.ReadAllText(Path.Combine(DataDirectory, "admin.key")).Trim();

    public async Task InitializeAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Url = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DataDirectory };
        foreach (var arg in (string[])[ServerDll(), "--urls", Url, $"--Storage:DataDirectory={DataDirectory}", "--Agents:EnrollmentToken=cli-tests", .. ExtraArguments])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited)
            {
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
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>The server built beside these tests, in the same configuration.</summary>
    private static string ServerDll()
    {
        // The tests run from bin/<configuration>/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TsOrchestrator.sln")))
            {
                return Path.Combine(dir.FullName, "src", "TsOrchestrator.Server", "bin", configuration, "net10.0", "TsOrchestrator.Server.dll");
            }
        }

        throw new DirectoryNotFoundException("the repository root was not found above the test binaries");
    }
}
