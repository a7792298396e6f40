using System.Diagnostics;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Bench.Postgres;

/// <summary>
/// The PostgreSQL a <c>--postgres</c> benchmark runs on: the one <c>TSORCH_TEST_POSTGRES</c> names, else the project's
/// throwaway server from tools/postgres.sh. The script is sourced by a shell that then waits on its standard input and
/// stops the server when that closes, so the server goes away on every exit of the benchmark, a crash included.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly Process? _shell;

    private ThrowawayPostgres(string connectionString, Process? shell) => (ConnectionString, _shell) = (connectionString, shell);

    /// <summary>An Npgsql connection string to the server, without a database.</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(TextWriter output)
    {
        if (Environment.GetEnvironmentVariable("TSORCH_TEST_POSTGRES") is { Length: > 0 } named)
        {
            output.WriteLine("PostgreSQL: the server TSORCH_TEST_POSTGRES names");
            return new ThrowawayPostgres(named, shell: null);
        }

        var script = Path.Combine(RepositoryPaths.Root, "tools", "postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source '{script}' || exit 1; echo \"$TSORCH_TEST_POSTGRES\"; cat >/dev/null; stop_test_postgres");
        var shell = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var line = await shell.StandardOutput.ReadLineAsync();
        if (string.IsNullOrWhiteSpace(line))
        {
            await shell.WaitForExitAsync();
            shell.Dispose();
            throw new InvalidOperationException($"{script} did not start PostgreSQL (see its messages above)");
        }

        return new ThrowawayPostgres(line.Trim(), shell);
    }

    /// <summary>A fresh database on the server for one measure.</summary>
    public string Database(string name) => $"{ConnectionString};Database={name}_{Guid.NewGuid():N}";

    public async ValueTask DisposeAsync()
    {
        if (_shell is null)
        {
            return;
        }

        _shell.StandardInput.Close();
        await _shell.WaitForExitAsync();
        _shell.Dispose();
    }
}
