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
/// The store benchmark's workload on one store: the real runtime in this process on SQLite or PostgreSQL, a 200-step
/// sequence and a device, driven one run at a time or many at once, one request-sized scope per transition.
/// </summary>
internal sealed class StoreWorkload : IAsyncDisposable
{
    private const int StepsPerRun = 200;

    private readonly WebApplication _app;
    private readonly string _sequenceId;
    private readonly DeviceEntity _device;

    private StoreWorkload(WebApplication app, string sequenceId, DeviceEntity device) => (_app, _sequenceId, _device) = (app, sequenceId, device);

    /// <summary>The runtime on SQLite in <paramref name="dataDirectory"/>, or on the PostgreSQL database named, warmed up.</summary>
    public static async Task<StoreWorkload> StartAsync(string dataDirectory, string? postgres)
    {
        string[] arguments = postgres is null
            ? [$"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]
            : [$"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Critical", "--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={postgres}"];
        var builder = WebApplication.CreateBuilder(arguments);
        builder.Services.AddTsOrchestratorServer(builder.Configuration);
        var app = builder.Build();
        await app.Services.InitializeStoreAsync();

        var caller = new Caller("bench", "bench", AdminRoles.FullAdministrator, new HashSet<string> { "*" });
        await using var scope = app.Services.CreateAsyncScope();
        var steps = Enumerable.Range(0, StepsPerRun).Select(i => (TaskSequenceNode)new StepNode
        {
            Name = $"Step {i}",
            Type = StepTypeIds.RunCommandLine,
            Settings = new Dictionary<string, string> { ["CommandLine"] = $"step {i}" },
        }).ToList();
        var created = await scope.ServiceProvider.GetRequiredService<TaskSequenceService>().CreateAsync(
            new CreateTaskSequenceRequest { Sequence = new TaskSequence { Id = "BENCH", Name = "Bench", Nodes = steps } }, caller, CancellationToken.None);
        var device = new DeviceEntity { Id = $"DEV{Guid.NewGuid():N}"[..16], Name = "bench", KeyHash = Guid.NewGuid().ToString("N"), Os = "linux", OsVersion = "6.1", Architecture = "x64" };
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        store.Devices.Add(device);
        await store.SaveChangesAsync();

        var workload = new StoreWorkload(app, created.Summary.Id, device);

        // Warm up the JIT and the connection pool on one short run before timing.
        await DriveAsync(app.Services, workload._sequenceId, device, 50);
        return workload;
    }

    /// <summary>Transitions per second, one run at a time.</summary>
    public Task<double> AloneAsync(int count) => TimeAsync(_app.Services, _sequenceId, _device, count);

    /// <summary>Transitions per second with <paramref name="runs"/> runs driven at once; <paramref name="count"/> in all.</summary>
    public async Task<double> TogetherAsync(int runs, int count)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Task.Run(() => TimeAsync(_app.Services, _sequenceId, _device, count / runs))));
        return runs * (count / runs) / watch.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

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
