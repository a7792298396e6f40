using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Scheduling;

/// <summary>
/// The maximum allowed run time, with real Quartz timers: one "minute" of run time is one second here,
/// so a 2-minute limit fires after 2 seconds.
/// </summary>
public sealed class MaximumRunTimeTests
{
    private static readonly DeviceFacts Facts = new() { Hostname = "lab-09", Os = "linux", OsVersion = "6.1", Architecture = "x64" };

    [Fact]
    public async Task Run_past_its_maximum_run_time_is_stopped_as_timed_out()
    {
        using var server = new ServerFactory(secondsPerRunTimeMinute: 1);
        var (agent, runId) = await StartRequiredRunAsync(server, maximumRunTimeMinutes: 2);

        var run = await WaitForStatusAsync(server, runId, "TimedOut");

        run.FailureReason.ShouldBe("run-timed-out");
        run.History.Single().Outcome.ShouldBe("Cancelled");
        var status = await agent.GetRunAsync(runId);
        status.Status.ShouldBe("TimedOut");
        status.WorkItem.ShouldBeNull();
    }

    [Fact]
    public async Task Run_that_finishes_in_time_is_left_as_it_ended()
    {
        using var server = new ServerFactory(secondsPerRunTimeMinute: 1);
        var (agent, runId) = await StartRequiredRunAsync(server, maximumRunTimeMinutes: 2);
        var item = (await agent.GetRunAsync(runId)).WorkItem!;
        (await agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = 0 })).Status.ShouldBe("Succeeded");

        await Task.Delay(TimeSpan.FromSeconds(3.5));

        (await (await server.AdminClient().GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>()).Summary.Status.ShouldBe("Succeeded");
    }

    [Fact]
    public async Task Timeout_survives_a_server_restart_and_fires_once_when_it_passed_while_down()
    {
        var data = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string runId;
            using (var first = new ServerFactory(dataDirectory: data, secondsPerRunTimeMinute: 1))
            {
                (_, runId) = await StartRequiredRunAsync(first, maximumRunTimeMinutes: 1);
            }

            // The deadline is saved with the run and Quartz keeps its one deadline-check trigger in the store's own
            // file (no trigger per run; the other repeating triggers are the plan of timed openings and the retention
            // sweeps of run inspection and the state migration point); the deadline passes while no server runs.
            ScheduledTriggers(Path.Combine(data, "tsorchestrator.db")).ShouldBe(["opening-plan", "run-deadlines", "run-inspection-retention", "state-store-retention"]);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            using var second = new ServerFactory(dataDirectory: data, secondsPerRunTimeMinute: 1);

            (await WaitForStatusAsync(second, runId, "TimedOut")).Summary.Status.ShouldBe("TimedOut");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static List<string> ScheduledTriggers(string sqlitePath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlitePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS ORDER BY TRIGGER_NAME";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<(IAgentApi Agent, string RunId)> StartRequiredRunAsync(ServerFactory server, int maximumRunTimeMinutes)
    {
        using var admin = server.AdminClient();
        var created = await admin.CreateAsync("Limited");
        await admin.LockAsync(created.Summary.Id);
        var limited = created.Sequence with
        {
            Nodes = [new StepNode { Name = "Long", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "sleep 3600" } }],
            Advanced = new AdvancedProperties { MaximumRunTimeMinutes = maximumRunTimeMinutes },
        };
        (await admin.SaveAsync(limited, created.ETag)).EnsureSuccessStatusCode();
        var registration = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts });
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Timed" }, Api.Json)).ReadAsync<CollectionInfo>();
        await admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null);
        await admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json);
        var agent = server.Agent(registration.DeviceKey);
        var runId = (await agent.CheckInAsync(new CheckInRequest { Facts = Facts })).ActiveRunId!;
        return (agent, runId);
    }

    /// <summary>Polls the run until it has the status, for at most 20 seconds (the timers fire within a few).</summary>
    private static async Task<RunDetails> WaitForStatusAsync(ServerFactory server, string runId, string status)
    {
        using var admin = server.AdminClient();
        for (var i = 0; i < 80; i++)
        {
            var run = await (await admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
            if (run.Summary.Status == status)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"run {runId} did not become {status} within 20 seconds");
    }
}
