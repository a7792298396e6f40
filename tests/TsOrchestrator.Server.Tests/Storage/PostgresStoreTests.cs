using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>
/// The store on a real PostgreSQL server (the scale-out configuration): migrations, versions and
/// optimistic concurrency, and a run driven through the agent API. tools/test.sh starts the server;
/// without it these are reported as skipped, never as passed.
/// </summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly PostgresServer _postgres = new();

    public void Dispose() => _postgres.Dispose();

    private ServerFactory Server => _postgres.Server;

    [SkippableFact]
    public async Task Versions_locks_and_stale_writes_behave_the_same_on_postgres()
    {
        using var admin = Server.AdminClient();
        var created = await admin.CreateAsync("On PostgreSQL");
        (await admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        var step = new StepNode { Name = "A", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "a" } };

        var saved = await (await admin.SaveAsync(created.Sequence with { Nodes = [step] }, created.ETag)).ReadAsync<TaskSequenceDetails>();
        var stale = await admin.SaveAsync(created.Sequence with { Name = "Lost" }, created.ETag);

        saved.Summary.Version.ShouldBe(2);
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var versions = await (await admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/versions")).ReadAsync<List<TaskSequenceVersionInfo>>();
        versions.Select(v => v.Version).ShouldBe([1, 2]);
    }

    [SkippableFact]
    public async Task A_run_goes_through_the_agent_api_on_postgres()
    {
        using var admin = Server.AdminClient();
        var created = await admin.CreateAsync("Agent on PostgreSQL");
        await admin.LockAsync(created.Summary.Id);
        var steps = new TaskSequenceNode[]
        {
            new StepNode { Name = "One", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "one" } },
            new StepNode { Name = "Two", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "two" } },
        };
        (await admin.SaveAsync(created.Sequence with { Nodes = steps }, created.ETag)).EnsureSuccessStatusCode();
        var facts = new DeviceFacts { Hostname = "pg-01", Os = "linux", OsVersion = "6.1", Architecture = "x64" };
        var registration = await Server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        var agent = Server.Agent(registration.DeviceKey);
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "PG" }, Api.Json)).ReadAsync<CollectionInfo>();
        await admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null);
        await admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json);

        var runId = (await agent.CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId!;
        var status = await agent.GetRunAsync(runId);
        status = await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
        status = await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 3010 });

        status.Status.ShouldBe("Succeeded");
        var run = await (await admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
        run.History.Select(h => h.Name).ShouldBe(["One", "Two"]);
    }

    [SkippableFact]
    public async Task Agent_calls_get_no_error_when_postgres_drops_every_connection_between_them()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var database = ServerFactory.NewPostgresDatabaseName();
        using var server = new ServerFactory(ServerFactory.PostgresServer, postgresDatabase: database);
        using var admin = server.AdminClient();
        var (facts, registration) = await DeployFourStepsAsync(server, admin, "Through a restart", "pg-restart");
        var agent = server.Agent(registration.DeviceKey);

        // What a restart leaves behind: every pooled connection of the server broken. The agent's client throws on any error.
        await DropConnectionsAsync(database);
        var runId = (await agent.CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId!;
        await DropConnectionsAsync(database);
        var status = await agent.GetRunAsync(runId);
        while (status.WorkItem is { } item)
        {
            await DropConnectionsAsync(database);
            status = await agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = 0 });
        }

        status.Status.ShouldBe("Succeeded");
        var run = await (await admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
        run.History.Select(h => h.Name).ShouldBe(["Step 1", "Step 2", "Step 3", "Step 4"]);
    }

    [SkippableFact]
    public async Task Admin_calls_and_registration_get_no_error_when_postgres_drops_every_connection_between_them()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var database = ServerFactory.NewPostgresDatabaseName();
        using var server = new ServerFactory(ServerFactory.PostgresServer, postgresDatabase: database);
        using var admin = server.AdminClient();
        var facts = new DeviceFacts { Hostname = "pg-admin", Os = "linux", OsVersion = "6.1", Architecture = "x64" };

        // Each call finds every pooled connection broken, as after a restart: the key lookup, reads, writes, a body
        // bound from JSON, an anonymous registration.
        var calls = new List<(string Call, HttpStatusCode Status)>();
        async Task<HttpResponseMessage> AfterDropAsync(string call, Func<Task<HttpResponseMessage>> send)
        {
            await DropConnectionsAsync(database);
            var response = await send();
            calls.Add((call, response.StatusCode));
            return response;
        }

        var created = await (await AfterDropAsync("create sequence", () => admin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "Admin through a restart" }, Api.Json)))
            .ReadAsync<TaskSequenceDetails>();
        await AfterDropAsync("lock", () => admin.LockAsync(created.Summary.Id));
        var step = new StepNode { Name = "A", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "a" } };
        await AfterDropAsync("save", () => admin.SaveAsync(created.Sequence with { Nodes = [step] }, created.ETag));
        await AfterDropAsync("list sequences", () => admin.GetAsync("/api/v1/task-sequences"));
        var collection = await (await AfterDropAsync("create collection", () => admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Restart admin" }, Api.Json)))
            .ReadAsync<CollectionInfo>();
        var registered = await AfterDropAsync("register", () => server.CreateClient().PostAsJsonAsync("/agent/v1/register",
            new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts }, Api.Json));
        var registration = await registered.ReadAsync<RegisterDeviceResponse>();
        await AfterDropAsync("add member", () => admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null));
        await AfterDropAsync("deploy", () => admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json));
        await AfterDropAsync("list devices", () => admin.GetAsync("/api/v1/devices"));

        calls.Where(c => (int)c.Status >= 500).ShouldBeEmpty();
        calls.Count.ShouldBe(9);
        var devices = await (await admin.GetAsync("/api/v1/devices")).Content.ReadAsStringAsync();
        devices.Split("pg-admin").Length.ShouldBe(2, "the rerun registration made one device, not two");
        var version = await (await admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        version.Summary.Version.ShouldBe(2);
    }

    [SkippableFact]
    public async Task A_save_whose_connection_breaks_inside_the_call_is_run_again_with_its_body()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var killer = new BackendKiller(ServerFactory.PostgresServer);
        using var server = new ServerFactory(ServerFactory.PostgresServer,
            services: s => s.ConfigureDbContext<TsOrchestrator.Server.Storage.PostgresStoreContext>(o => o.AddInterceptors(killer)));
        using var admin = server.AdminClient();
        var created = await admin.CreateAsync("Saved through a broken connection");
        await admin.LockAsync(created.Summary.Id);
        var step = new StepNode { Name = "Kept", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "kept" } };

        // The handler reads the document from the body itself: the rerun must read it again, not an empty body.
        killer.Arm("TaskSequences");
        var saved = await admin.SaveAsync(created.Sequence with { Nodes = [step] }, created.ETag);

        killer.Kills.ShouldBe(1);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await (await admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        stored.Summary.Version.ShouldBe(2);
        stored.Sequence.Nodes.Single().Name.ShouldBe("Kept");
    }

    [SkippableFact]
    public async Task A_node_whose_remembered_run_another_node_moved_applies_the_next_result_to_the_stored_run()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var database = ServerFactory.NewPostgresDatabaseName();
        try
        {
            using var first = new ServerFactory(ServerFactory.PostgresServer, postgresDatabase: database);
            using var second = new ServerFactory(ServerFactory.PostgresServer, postgresDatabase: database);
            using var admin = first.AdminClient();
            var (facts, registration) = await DeployFourStepsAsync(first, admin, "Two nodes, one run", "pg-two-nodes");
            var onFirst = first.Agent(registration.DeviceKey);
            var onSecond = second.Agent(registration.DeviceKey);

            // The first node started the run and commits step 1: it remembers the run as step 1 left it.
            var runId = (await onFirst.CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId!;
            var status = await onFirst.GetRunAsync(runId);
            status = await onFirst.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
            // Step 2's result reaches the other node, so the first node's remembered row is one transition behind.
            status = await onSecond.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
            // Against the stale row step 3's work item is unknown; against the stored run it is the pending one.
            status = await onFirst.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
            status = await onFirst.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });

            status.Status.ShouldBe("Succeeded");
            var run = await (await admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
            run.History.Select(h => h.Name).ShouldBe(["Step 1", "Step 2", "Step 3", "Step 4"]);
            first.Services.GetRequiredService<TsOrchestrator.Server.Runs.RunRowCache>().TryGet(runId, out _).ShouldBeFalse("an ended run leaves the node's cache");
        }
        finally
        {
            ServerFactory.DeleteSiteFolder(database);
        }
    }

    /// <summary>A required deployment of four command-line steps (Step 1 … Step 4) to one registered device.</summary>
    private static async Task<(DeviceFacts Facts, RegisterDeviceResponse Registration)> DeployFourStepsAsync(ServerFactory server, HttpClient admin, string name, string hostname)
    {
        var created = await admin.CreateAsync(name);
        await admin.LockAsync(created.Summary.Id);
        var steps = Enumerable.Range(1, 4).Select(i => (TaskSequenceNode)new StepNode
        {
            Name = $"Step {i}", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = $"step {i}" },
        }).ToArray();
        (await admin.SaveAsync(created.Sequence with { Nodes = steps }, created.ETag)).EnsureSuccessStatusCode();
        var facts = new DeviceFacts { Hostname = hostname, Os = "linux", OsVersion = "6.1", Architecture = "x64" };
        var registration = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = name }, Api.Json)).ReadAsync<CollectionInfo>();
        await admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null);
        await admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json);
        return (facts, registration);
    }

    /// <summary>Terminates every backend connected to the database, as PostgreSQL going down does.</summary>
    private static async Task DropConnectionsAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{ServerFactory.PostgresServer};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", connection);
        command.Parameters.AddWithValue("database", database);
        await command.ExecuteScalarAsync();
    }

    [SkippableFact]
    public async Task A_timeout_scheduled_by_one_node_fires_on_another_when_the_first_is_gone()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var database = ServerFactory.NewPostgresDatabaseName();
        try
        {
            string runId;
            string adminKey;
            using var survivor = new ServerFactory(ServerFactory.PostgresServer, secondsPerRunTimeMinute: 1, postgresDatabase: database);
            using (var first = new ServerFactory(ServerFactory.PostgresServer, secondsPerRunTimeMinute: 1, postgresDatabase: database))
            {
                adminKey = first.AdminKey;
                _ = survivor.Services; // both nodes of the site are up before the run starts
                runId = await StartRunAsync(first, adminKey, maximumRunTimeMinutes: 2);
            }

            // Only the clustered job store can tell the survivor: it started before the run existed.
            using var admin = survivor.ClientWithKey(adminKey);
            RunDetails run;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                await Task.Delay(250);
                run = await (await admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
            }
            while (run.Summary.Status != "TimedOut" && waited.Elapsed < TimeSpan.FromSeconds(60));

            run.Summary.Status.ShouldBe("TimedOut");
        }
        finally
        {
            ServerFactory.DeleteSiteFolder(database);
        }
    }

    private static async Task<string> StartRunAsync(ServerFactory server, string adminKey, int maximumRunTimeMinutes)
    {
        using var admin = server.ClientWithKey(adminKey);
        var created = await admin.CreateAsync("Clustered timeout");
        await admin.LockAsync(created.Summary.Id);
        var limited = created.Sequence with
        {
            Nodes = [new StepNode { Name = "Long", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "sleep 3600" } }],
            Advanced = new AdvancedProperties { MaximumRunTimeMinutes = maximumRunTimeMinutes },
        };
        (await admin.SaveAsync(limited, created.ETag)).EnsureSuccessStatusCode();
        var facts = new DeviceFacts { Hostname = "pg-02", Os = "linux", OsVersion = "6.1", Architecture = "x64" };
        var registration = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Cluster" }, Api.Json)).ReadAsync<CollectionInfo>();
        await admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null);
        await admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json);
        return (await server.Agent(registration.DeviceKey).CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId!;
    }
}
