using System.Diagnostics;
using System.Net;
using Refit;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>
/// N simulated agents (the real agent core, no-op handlers, many per process) against the real server process on
/// loopback with its SQLite file, each running a 20-step sequence with two restarts; with <c>--postgres</c>, the same fleet
/// on PostgreSQL after it, in the same run.
/// </summary>
internal static class FleetBenchmark
{
    private const int Steps = 20;

    private static readonly string[] ThreadKinds = ["thread pool", "background JIT", "GC", "other"];

    public static async Task<int> RunAsync(int agents, TimeSpan ramp, TimeSpan think, bool postgres, TextWriter output)
    {
        output.WriteLine($"Fleet: {agents:N0} simulated agents starting over {ramp.TotalSeconds:0} s, {Steps} steps with 2 restarts each, {think.TotalMilliseconds:0} ms per step on the device");
        var sqlite = await MeasureAsync(agents, ramp, think, [], relay: null, output, footprint: true);
        if (!postgres)
        {
            return sqlite.AllSucceeded ? 0 : 1;
        }

        // The same fleet on PostgreSQL, twice: once for the rates, once through a relay that counts the server's round
        // trips on the wire (so the relay's own hop costs the rates nothing).
        await using var server = await Postgres.ThrowawayPostgres.StartAsync(output);
        output.WriteLine();
        output.WriteLine("The same fleet on PostgreSQL:");
        var rates = await MeasureAsync(agents, ramp, think, PostgresArguments(server.Database("tsorch_fleet")), relay: null, output, footprint: false);
        await using var relay = new Postgres.RoundTripProxy(server.Database("tsorch_fleet_counted"));
        output.WriteLine();
        output.WriteLine("Once more on PostgreSQL, through the round-trip counting relay:");
        var counted = await MeasureAsync(agents, ramp, think, PostgresArguments(relay.ConnectionString), relay, output, footprint: false);

        output.WriteLine();
        output.WriteLine($"{"PostgreSQL beside SQLite (same fleet, same run)",-48}{"SQLite",10}{"PostgreSQL",12}{"PG/SQLite",11}{"target",12}");
        var ratio = rates.TransitionsPerSecond / sqlite.TransitionsPerSecond;
        output.WriteLine($"{"durable transitions per second",-48}{sqlite.TransitionsPerSecond,10:N0}{rates.TransitionsPerSecond,12:N0}{ratio,11:N2}{"≥ 0.80 ×",12}  {(ratio >= 0.8 ? "PASS" : "MISS")}");
        output.WriteLine($"{"agent-call latency p99, ms",-48}{sqlite.P99,10:N1}{rates.P99,12:N1}{rates.P99 / sqlite.P99,11:N2}");
        output.WriteLine($"{"store round trips per transition (all calls)",-48}{"—",10}{counted.RoundTripsPerTransition,12:N2}{"",11}{"≤ 3",12}  {(counted.RoundTripsPerTransition <= 3 ? "PASS" : "MISS")}");
        output.WriteLine("Round trips are every store round trip of the server while the fleet ran (check-ins, run starts, polls,");
        output.WriteLine("results, restart reports, the scheduler's and the site channel's own) over its durable transitions.");
        return sqlite.AllSucceeded && rates.AllSucceeded && counted.AllSucceeded ? 0 : 1;
    }

    /// <summary>
    /// Where the server's CPU went, by .NET's thread names: request work (thread pool), the background JIT that recompiles
    /// hot methods for a while after start, the garbage collector; threads that ended meanwhile are the rest.
    /// </summary>
    private static string ThreadBreakdown(Dictionary<int, (string Name, long Ticks)> before, Dictionary<int, (string Name, long Ticks)> after, double totalSeconds)
    {
        var byName = after.GroupBy(t => t.Value.Name switch
            {
                ".NET TP Worker" => "thread pool",
                ".NET Tiered Com" => "background JIT",
                var name when name.StartsWith(".NET Server GC", StringComparison.Ordinal) || name.StartsWith(".NET BGC", StringComparison.Ordinal) => "GC",
                _ => "other",
            })
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Value.Ticks - (before.TryGetValue(t.Key, out var b) && b.Name == t.Value.Name ? b.Ticks : 0)) / 100.0);
        var ended = Math.Max(0, totalSeconds - byName.Values.Sum());
        var parts = ThreadKinds.Where(byName.ContainsKey).Select(k => $"{k} {byName[k]:N1} s").Append($"ended threads {ended:N1} s");
        return string.Join(", ", parts);
    }

    private static string[] PostgresArguments(string connectionString) =>
        ["--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={connectionString}"];

    private sealed record FleetFigures(bool AllSucceeded, double TransitionsPerSecond, double P99, double RoundTripsPerTransition);

    private static async Task<FleetFigures> MeasureAsync(int agents, TimeSpan ramp, TimeSpan think, IReadOnlyList<string> serverArguments,
        Postgres.RoundTripProxy? relay, TextWriter output, bool footprint)
    {
        // Journals on tmpfs where there is one: thousands of simulated devices share one disk here, which real devices do not.
        var stateRoot = Directory.Exists("/dev/shm") ? Directory.CreateTempSubdirectory("tsorch-fleet-").FullName.Replace(Path.GetTempPath(), "/dev/shm/", StringComparison.Ordinal) : Directory.CreateTempSubdirectory("tsorch-fleet-").FullName;
        Directory.CreateDirectory(stateRoot);
        await using var server = new ServerProcess { ExtraArguments = serverArguments };
        await server.InitializeAsync();
        try
        {
            var serverUri = new Uri(server.Url);
            await DeployAsync(server);

            using var shared = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
            using var latencies = new CallLatencies(shared, agents * 64);
            var handlers = new StepHandlerRegistry([new NoOpStepHandler(StepTypeIds.RunCommandLine, think)]);
            var devices = Enumerable.Range(1, agents).Select(i => new SimulatedDevice(i, serverUri, stateRoot, latencies, handlers)).ToList();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            var allocatedBefore = await AllocatedBytesAsync(server);
            var serverCpuBefore = ProcStatus.CpuSeconds(server.ProcessId!.Value);
            var threadsBefore = ProcStatus.ThreadTicks(server.ProcessId!.Value);
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var roundTripsBefore = relay?.RoundTrips ?? 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(devices.Select(async (device, i) =>
            {
                await Task.Delay(ramp * i / agents, timeout.Token);
                await device.RunAsync(ServerProcess.EnrollmentToken, timeout.Token);
            }));
            var elapsed = clock.Elapsed;
            var roundTrips = (relay?.RoundTrips ?? 0) - roundTripsBefore;
            var serverCpu = ProcStatus.CpuSeconds(server.ProcessId!.Value) - serverCpuBefore;
            var threadsAfter = ProcStatus.ThreadTicks(server.ProcessId!.Value);
            var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;
            var allocated = await AllocatedBytesAsync(server) - allocatedBefore;

            var succeeded = devices.Count(d => d.Status == "Succeeded");
            var transitions = devices.Sum(d => Steps + d.Restarts); // each step result and each restart report is one durable transition
            var peakRss = PeakRssMb(server);
            var (p50, p95, p99) = latencies.Percentiles(50, 95, 99) switch { var p => (p[0], p[1], p[2]) };
            output.WriteLine($"{"runs succeeded",-44}{succeeded,12:N0} of {agents:N0}{(succeeded == agents ? "" : "  MISS")}");
            output.WriteLine($"{"wall time, first start to last run ended",-44}{elapsed.TotalSeconds,12:N1} s");
            output.WriteLine($"{"CPU used: server / simulated agents",-44}{serverCpu,12:N1} s / {benchCpu:N1} s of {elapsed.TotalSeconds * Environment.ProcessorCount:N1} s on {Environment.ProcessorCount} cores");
            output.WriteLine($"{"durable transitions per second",-44}{transitions / elapsed.TotalSeconds,12:N0}");
            // Every agent call counted in (check-ins, polls, results), over the transitions they carry: issue 18's measure.
            // CPU time swells when the machine is busy (contention, cache misses); bytes allocated do not, so both are printed.
            var cpuPerTransition = serverCpu * 1000 / transitions;
            output.WriteLine($"{"server CPU per durable transition",-44}{cpuPerTransition,12:N2} ms   target ≤ 0.1 ms  {(cpuPerTransition <= 0.1 ? "PASS" : "MISS")}");
            output.WriteLine($"{"  of it, by server thread",-44}{ThreadBreakdown(threadsBefore, threadsAfter, serverCpu)}");
            output.WriteLine($"{"server bytes allocated per transition",-44}{allocated / 1024.0 / transitions,12:N1} KB   (no target: the load-independent measure of the same work)");
            output.WriteLine($"{"agent calls timed (long polls left out)",-44}{latencies.Count,12:N0}");
            output.WriteLine($"{"agent-call latency p50 / p95 / p99",-44}{p50,8:N1} / {p95:N1} / {p99:N1} ms   target p99 ≤ 100 ms  {(p99 <= 100 ? "PASS" : "MISS")}");
            output.WriteLine($"{"server peak RSS",-44}{peakRss,12:N0} MB   target ≤ 500 MB  {(peakRss <= 500 ? "PASS" : "MISS")}");
            if (relay is not null)
            {
                output.WriteLine($"{"store round trips per transition",-44}{(double)roundTrips / transitions,12:N2}   target ≤ 3");
            }

            if (footprint)
            {
                await AgentFootprint.MeasureAsync(server, output);
            }

            return new FleetFigures(succeeded == agents, transitions / elapsed.TotalSeconds, p99, (double)roundTrips / transitions);
        }
        finally
        {
            Directory.Delete(stateRoot, recursive: true);
        }
    }

    private static async Task DeployAsync(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Key);
        var admin = RestService.For<IAdminApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) });
        var nodes = new List<TaskSequenceNode>();
        for (var i = 1; i <= Steps; i++)
        {
            nodes.Add(i is 7 or 14
                ? new StepNode { Name = $"Restart {i}", Type = StepTypeIds.RestartComputer, Settings = new Dictionary<string, string> { ["MessageTimeout"] = "0" } }
                : new StepNode { Name = $"Step {i}", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = $"step {i}" } });
        }

        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest
        {
            Sequence = new TaskSequence { FormatVersion = NativeFormatVersion.Current, Id = "FLEET001", Name = "Fleet", Nodes = nodes },
        });
        var collection = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = "Fleet", Rule = new MembershipRule { NamePattern = "fleet-*" } });
        await admin.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            SequenceId = sequence.Summary.Id, CollectionId = collection.Id, Purpose = "Required", Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true,
        });
    }

    /// <summary>The server's own count of bytes it allocated so far, read from its Prometheus scrape (the runtime's meter).</summary>
    private static async Task<double> AllocatedBytesAsync(ServerProcess server)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Key);
        var scrape = await client.GetStringAsync(new Uri($"{server.Url}/metrics"));
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith("dotnet_gc_heap_total_allocated_bytes", StringComparison.Ordinal) ||
                                                         l.StartsWith("process_runtime_dotnet_gc_allocations_size_bytes", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static double PeakRssMb(ServerProcess server) => server.ProcessId is { } pid ? ProcStatus.KilobytesOf(pid, "VmHWM") / 1024.0 : double.NaN;
}
