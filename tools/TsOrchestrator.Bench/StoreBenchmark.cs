using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TsOrchestrator.Bench;

/// <summary>
/// Durable step transitions through the real runtime and store (SQLite file, WAL, synchronous=FULL),
/// beside the raw single-row commit rate of the same file system, measured in the same run; with <c>--postgres</c>,
/// the same workload on PostgreSQL in turn with SQLite's, and PostgreSQL's round trips per transition.
/// </summary>
internal static class StoreBenchmark
{
    /// <summary>Runs driven side by side in the concurrent measure: a site's agents posting results at once.</summary>
    private const int ConcurrentRuns = 32;

    /// <summary>Rounds of each measure, taken in turn on each store so that a busy moment of the machine falls on both.</summary>
    private const int Rounds = 3;

    public static async Task<int> RunAsync(int transitions, bool postgres, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-store-bench-");
        try
        {
            output.WriteLine($"Store benchmark in {folder.FullName} ({transitions} of each, best of {Rounds} rounds{(postgres ? ", SQLite and PostgreSQL in turn" : "")})");
            var raw = RawCommitsPerSecond(Path.Combine(folder.FullName, "raw.db"), transitions);
            await using var server = postgres ? await Postgres.ThrowawayPostgres.StartAsync(output) : null;
            await using var sqlite = await StoreWorkload.StartAsync(Path.Combine(folder.FullName, "server"), postgres: null);
            var database = server?.Database("tsorch_bench");
            await using var onPostgres = database is null ? null : await StoreWorkload.StartAsync(Path.Combine(folder.FullName, "postgres"), database);
            var (sqliteAlone, sqliteTogether, postgresAlone, postgresTogether) = (0.0, 0.0, 0.0, 0.0);
            for (var round = 0; round < Rounds; round++)
            {
                sqliteAlone = Math.Max(sqliteAlone, await sqlite.AloneAsync(transitions));
                postgresAlone = Math.Max(postgresAlone, onPostgres is null ? 0 : await onPostgres.AloneAsync(transitions));
                sqliteTogether = Math.Max(sqliteTogether, await sqlite.TogetherAsync(ConcurrentRuns, transitions));
                postgresTogether = Math.Max(postgresTogether, onPostgres is null ? 0 : await onPostgres.TogetherAsync(ConcurrentRuns, transitions));
            }

            output.WriteLine($"{"measure",-62}{"per second",12}{"ratio to raw",14}{"target",20}");
            output.WriteLine($"{"raw SQLite: single-row INSERT commits (WAL, synchronous=FULL)",-62}{raw,12:N0}{1.0,14:N2}");
            Row(output, "runtime: durable step transitions, one run at a time", sqliteAlone, raw);
            Row(output, $"runtime: durable step transitions, {ConcurrentRuns} runs at once", sqliteTogether, raw);
            output.WriteLine("Each transition reads the run, applies the engine, and commits the run's state, its history record and");
            output.WriteLine("its next work item durably before it returns; the raw figure is the file system's ceiling for one commit");
            output.WriteLine("at a time. Concurrent transitions share commits (group commit), so they can pass that ceiling.");
            if (server is not null && database is not null)
            {
                await PostgresAsync(Path.Combine(folder.FullName, "postgres"), database, transitions, (sqliteAlone, sqliteTogether), (postgresAlone, postgresTogether), output);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// PostgreSQL's rates beside SQLite's, then the round trips per transition counted on the wire by a relay in front of
    /// the server (a pass of its own, so the relay costs the rates nothing).
    /// </summary>
    private static async Task PostgresAsync(string dataDirectory, string database, int transitions, (double Alone, double Together) sqlite,
        (double Alone, double Together) postgres, TextWriter output)
    {
        // TSORCH_BENCH_ROUND_TRIPS=<file> writes what each counted round trip carried.
        var tracePath = Environment.GetEnvironmentVariable("TSORCH_BENCH_ROUND_TRIPS");
        await using var trace = tracePath is { Length: > 0 } ? new StreamWriter(tracePath) : null;
        await using var relay = new Postgres.RoundTripProxy(database, trace);
        var counted = Math.Max(ConcurrentRuns * 10, transitions / 5);
        double aloneTrips, togetherTrips;
        await using (var workload = await StoreWorkload.StartAsync(dataDirectory, relay.ConnectionString))
        {
            var before = relay.RoundTrips;
            await workload.AloneAsync(counted);
            aloneTrips = (double)(relay.RoundTrips - before) / counted;
            before = relay.RoundTrips;
            await workload.TogetherAsync(ConcurrentRuns, counted);
            togetherTrips = (double)(relay.RoundTrips - before) / (counted / ConcurrentRuns * ConcurrentRuns);
        }

        output.WriteLine();
        output.WriteLine($"{"PostgreSQL beside SQLite (same workload, same run)",-52}{"SQLite",10}{"PostgreSQL",12}{"PG/SQLite",11}{"target",12}");
        Compare(output, "durable step transitions/s, one run at a time", sqlite.Alone, postgres.Alone, "", pass: null);
        Compare(output, $"durable step transitions/s, {ConcurrentRuns} runs at once", sqlite.Together, postgres.Together, "≥ 0.80 ×", postgres.Together / sqlite.Together >= 0.8);
        RoundTrips(output, "store round trips per transition, one run at a time", aloneTrips);
        RoundTrips(output, $"store round trips per transition, {ConcurrentRuns} runs at once", togetherTrips);
        output.WriteLine("Round trips are counted on the wire (each time the server's client speaks after PostgreSQL answered), run");
        output.WriteLine("starts included; SQLite is in-process and makes none. PostgreSQL here is the throwaway server of");
        output.WriteLine("tools/postgres.sh (fsync on) on the same machine: loopback round trips, no network between. One run at a");
        output.WriteLine("time, each transition waits for its own fsync on either store; the target is for many devices at once.");
    }

    private static void Compare(TextWriter output, string measure, double sqlite, double postgres, string target, bool? pass) =>
        output.WriteLine($"{measure,-52}{sqlite,10:N0}{postgres,12:N0}{postgres / sqlite,11:N2}{target,12}  {pass switch { true => "PASS", false => "MISS", null => "" }}");

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
}
