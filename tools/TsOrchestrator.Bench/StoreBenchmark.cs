using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Bench;

/// <summary>
/// Durable step transitions through the real runtime and store (SQLite file, WAL, synchronous=FULL),
/// beside the raw single-row commit rate of the same file system, measured in the same run.
/// </summary>
internal static class StoreBenchmark
{
    private const int StepsPerRun = 200;

    /// <summary>Runs driven side by side in the concurrent measure: a site's agents posting results at once.</summary>
    private const int ConcurrentRuns = 32;

    public static async Task<int> RunAsync(int transitions, bool postgres, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-store-bench-");
        try
        {
            output.WriteLine($"Store benchmark in {folder.FullName} ({transitions} of each)");
            var raw = RawCommitsPerSecond(Path.Combine(folder.FullName, "raw.db"), transitions);
            var sqlite = await DurableTransitionsPerSecondAsync(Path.Combine(folder.FullName, "server"), postgres: null, transitions);
            output.WriteLine($"{"measure",-62}{"per second",12}{"ratio to raw",14}{"target",20}");
            output.WriteLine($"{"raw SQLite: single-row INSERT commits (WAL, synchronous=FULL)",-62}{raw,12:N0}{1.0,14:N2}");
            Row(output, "runtime: durable step transitions, one run at a time", sqlite.Alone, raw);
            Row(output, $"runtime: durable step transitions, {ConcurrentRuns} runs at once", sqlite.Together, raw);
            output.WriteLine("Each transition reads the run, applies the engine, and commits the run's state, its history record and");
            output.WriteLine("its next work item durably before it returns; the raw figure is the file system's ceiling for one commit");
            output.WriteLine("at a time. Concurrent transitions share commits (group commit), so they can pass that ceiling.");
            if (postgres)
            {
                await PostgresAsync(Path.Combine(folder.FullName, "postgres"), transitions, sqlite, output);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The same workload on PostgreSQL, in the same run: the rates beside SQLite's, then the round trips per transition
    /// counted on the wire by a relay in front of the server (a pass of its own, so the relay costs the rates nothing).
    /// </summary>
    private static async Task PostgresAsync(string dataDirectory, int transitions, Rates sqlite, TextWriter output)
    {
        await using var server = await Postgres.ThrowawayPostgres.StartAsync(output);
        var database = server.Database("tsorch_bench");
        var rates = await DurableTransitionsPerSecondAsync(dataDirectory, database, transitions);
        // TSORCH_BENCH_ROUND_TRIPS=<file> writes what each counted round trip carried.
        var tracePath = Environment.GetEnvironmentVariable("TSORCH_BENCH_ROUND_TRIPS");
        await using var trace = tracePath is { Length: > 0 } ? new StreamWriter(tracePath) : null;
        await using var relay = new Postgres.RoundTripProxy(database, trace);
        var counted = await DurableTransitionsPerSecondAsync(dataDirectory, relay.ConnectionString, Math.Max(ConcurrentRuns * 10, transitions / 10), relay);
        Npgsql.NpgsqlConnection.ClearAllPools();

        output.WriteLine();
        output.WriteLine($"{"PostgreSQL beside SQLite (same workload, same run)",-52}{"SQLite",10}{"PostgreSQL",12}{"PG/SQLite",11}{"target",12}");
        Compare(output, "durable step transitions/s, one run at a time", sqlite.Alone, rates.Alone, "≥ 0.80 ×", rates.Alone / sqlite.Alone >= 0.8);
        Compare(output, $"durable step transitions/s, {ConcurrentRuns} runs at once", sqlite.Together, rates.Together, "≥ 0.80 ×", rates.Together / sqlite.Together >= 0.8);
        RoundTrips(output, "store round trips per transition, one run at a time", counted.RoundTripsAlone);
        RoundTrips(output, $"store round trips per transition, {ConcurrentRuns} runs at once", counted.RoundTripsTogether);
        output.WriteLine("Round trips are counted on the wire (each time the server's client speaks after PostgreSQL answered), run");
        output.WriteLine("starts included; SQLite is in-process and makes none. PostgreSQL here is the throwaway server of");
        output.WriteLine("tools/postgres.sh (fsync on) on the same machine: loopback round trips, no network between.");
    }

    private static void Compare(TextWriter output, string measure, double sqlite, double postgres, string target, bool pass) =>
        output.WriteLine($"{measure,-52}{sqlite,10:N0}{postgres,12:N0}{postgres / sqlite,11:N2}{target,12}  {(pass ? "PASS" : "MISS")}");

    private static void RoundTrips(TextWriter output, string measure, double perTransition) =>
        output.WriteLine($"{measure,-52}{"—",10}{perTransition,12:N2}{"",11}{"≤ 3",12}  {(perTransition <= 3 ? "PASS" : "MISS")}");

    private static void Row(TextWriter output, string measure, double perSecond, double raw)
    {
        var ratio = perSecond / raw;
        var pass = perSecond >= 2000 && ratio >= 0.5 ? "PASS" : "MISS";
        output.WriteLine($"{measure,-62}{perSecond,12:N0}{ratio,14:N2}{"≥ 2,000 and ≥ 0.50",20}  {pass}");
    }

    private static double RawCommitsPerSecond(string path, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (payload) VALUES ($p)";
        var parameter = insert.Parameters.Add("$p", SqliteType.Text);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            parameter.Value = new string('x', 1000);
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Rates(double Alone, double Together, double RoundTripsAlone = double.NaN, double RoundTripsTogether = double.NaN);

    /// <summary>
    /// Transitions per second one run at a time and <see cref="ConcurrentRuns"/> at once, on SQLite in
    /// <paramref name="dataDirectory"/> or on the PostgreSQL database named; with a relay, the round trips it counted per
    /// transition as well.
    /// </summary>
    private static async Task<Rates> DurableTransitionsPerSecondAsync(string dataDirectory, string? postgres, int count, Postgres.RoundTripProxy? relay = null)
    {
        string[] arguments = postgres is null
            ? [$"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]
            : [$"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={postgres}"];
        var builder = WebApplication.CreateBuilder(arguments);
        builder.Services.AddTsOrchestratorServer(builder.Configuration);
        await using var app = builder.Build();
        await app.Services.InitializeStoreAsync();

        var caller = new Caller("bench", "bench", AdminRoles.FullAdministrator, new HashSet<string> { "*" });
        string sequenceId;
        DeviceEntity device;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var steps = Enumerable.Range(0, StepsPerRun).Select(i => (TaskSequenceNode)new StepNode
            {
                Name = $"Step {i}",
                Type = StepTypeIds.RunCommandLine,
                Settings = new Dictionary<string, string> { ["CommandLine"] = $"step {i}" },
            }).ToList();
            const string id = "BENCH";
            var created = await scope.ServiceProvider.GetRequiredService<TaskSequenceService>().CreateAsync(
                new CreateTaskSequenceRequest { Sequence = new TaskSequence { Id = id, Name = id, Nodes = steps } }, caller, CancellationToken.None);
            sequenceId = created.Summary.Id;
            device = new DeviceEntity { Id = $"DEV{Guid.NewGuid():N}"[..16], Name = "bench", KeyHash = Guid.NewGuid().ToString("N"), Os = "linux", OsVersion = "6.1", Architecture = "x64" };
            var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
            store.Devices.Add(device);
            await store.SaveChangesAsync();
        }

        // Warm up the JIT and the connection pool on one short run before timing.
        await DriveAsync(app.Services, sequenceId, device, 50);
        var before = relay?.RoundTrips ?? 0;
        var alone = await TimeAsync(app.Services, sequenceId, device, count);
        var aloneTrips = (relay?.RoundTrips ?? 0) - before;
        before = relay?.RoundTrips ?? 0;
        var watch = Stopwatch.StartNew();
        var shares = await Task.WhenAll(Enumerable.Range(0, ConcurrentRuns)
            .Select(_ => Task.Run(() => TimeAsync(app.Services, sequenceId, device, count / ConcurrentRuns))));
        var made = shares.Length * (count / ConcurrentRuns);
        var together = made / watch.Elapsed.TotalSeconds;
        var togetherTrips = (relay?.RoundTrips ?? 0) - before;
        return new Rates(alone, together, (double)aloneTrips / count, (double)togetherTrips / made);
    }

    private static async Task<double> TimeAsync(IServiceProvider services, string sequenceId, DeviceEntity device, int count)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        while (done < count)
        {
            done += await DriveAsync(services, sequenceId, device, count - done);
        }

        return done / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Starts a run and completes its work items one request-sized scope at a time; returns transitions made.</summary>
    private static async Task<int> DriveAsync(IServiceProvider services, string sequenceId, DeviceEntity device, int limit)
    {
        RunProgress run;
        await using (var scope = services.CreateAsyncScope())
        {
            run = RunProgress.From(await scope.ServiceProvider.GetRequiredService<RunRuntime>().StartAsync(sequenceId, device, null, CancellationToken.None));
        }

        var transitions = 0;
        while (run.PendingWorkItem is { } pending && transitions < limit)
        {
            var workItemId = JsonDocument.Parse(pending).RootElement.GetProperty("id").GetString()!;
            await using var scope = services.CreateAsyncScope();
            run = await scope.ServiceProvider.GetRequiredService<RunRuntime>()
                .ApplyAsync(run.Id, new WorkItemCompleted { WorkItemId = workItemId, ExitCode = 0 }, CancellationToken.None);
            transitions++;
        }

        return transitions;
    }
}
