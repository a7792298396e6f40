using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>
/// The real server (which hosts the designer), started as its own process on a free loopback port with a
/// fresh data folder; the same pattern as the CLI tests' server.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public string Url { get; private set; } = "";
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("tsorch-designer-server-").FullName;
    public string AdminKey => File.ReadAllText(Path.Combine(DataDirectory, "admin.key")).Trim();

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

    public async Task StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Url = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DataDirectory };
        foreach (var arg in new[] { ServerDll(), "--urls", Url, $"--Storage:DataDirectory={DataDirectory}", "--Agents:EnrollmentToken=designer-tests", "--Logging:LogLevel:Default=Warning" })
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
                if ((await http.GetAsync(new Uri($"{Url}/healthz"))).IsSuccessStatusCode && File.Exists(Path.Combine(DataDirectory, "admin.key")))
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

    /// <summary>An API client with the given key, for arranging data the way any admin tool would.</summary>
    public HttpClient Api(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return client;
    }

    /// <summary>
    /// Adds an API key of another role straight into the server's SQLite store (the server has no key
    /// management API yet) and returns it; keys are stored as the SHA-256 of the key text.
    /// </summary>
    public async Task<string> CreateKeyAsync(string name, string role, string scopes = "*")
    {
        var key = "tsk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "tsorchestrator.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO ApiKeys (Id, CreatedAt, Hash, Name, Role, Scopes) VALUES ($id, 0, $hash, $name, $role, $scopes)";
        command.Parameters.AddWithValue("$id", name);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$scopes", scopes);
        await command.ExecuteNonQueryAsync();
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        SqliteConnection.ClearAllPools();
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
