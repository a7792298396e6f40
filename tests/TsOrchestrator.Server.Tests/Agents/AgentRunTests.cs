using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Agents;

/// <summary>Runs driven through the agent API exactly as an agent drives them.</summary>
public sealed class AgentRunTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public AgentRunTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static readonly DeviceFacts LinuxFacts = new() { Hostname = "lab-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };

    private static StepNode Command(string name) => new()
    {
        Name = name,
        Type = StepTypeIds.RunCommandLine,
        Settings = new Dictionary<string, string> { ["CommandLine"] = $"run {name} %Edition%" },
    };

    private async Task<string> CreateSequenceAsync(params TaskSequenceNode[] nodes)
    {
        var created = await _admin.CreateAsync("Agent test");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with { Nodes = nodes }, created.ETag)).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    private async Task<(IAgentApi Agent, string DeviceId)> RegisterAsync(DeviceFacts? facts = null)
    {
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts ?? LinuxFacts });
        return (_server.Agent(registration.DeviceKey), registration.DeviceId);
    }

    private async Task<string> DeployAsync(string sequenceId, string deviceId, string purpose = "Available")
    {
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab " + Guid.NewGuid().ToString("N")[..6] }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{deviceId}", null)).EnsureSuccessStatusCode();
        var deployment = await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collection.Id, Purpose = purpose }, Api.Json)).ReadAsync<DeploymentInfo>();
        return deployment.Id;
    }

    [Fact]
    public async Task Resume_with_variable_edits_is_audited_with_the_edits_and_secret_values_masked()
    {
        // Issue 16: the audit said only where the run resumed, not what the operator changed.
        var sequenceId = await CreateSequenceAsync(Command("Install"));
        var (agent, deviceId) = await RegisterAsync();
        (await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/JoinPassword",
            new SetVariableRequest { Value = "Old-Join-Secret", Secret = true }, Api.Json)).EnsureSuccessStatusCode();
        var deploymentId = await DeployAsync(sequenceId, deviceId);
        var runId = (await agent.StartDeploymentAsync(deploymentId)).RunId;
        var status = await agent.GetRunAsync(runId);
        (await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 1603 })).Status.ShouldBe("Failed");

        (await _admin.PostAsJsonAsync($"/api/v1/runs/{runId}/resume", new ResumeRunRequest
        {
            VariableEdits = new Dictionary<string, string> { ["Edition"] = "Pro", ["JoinPassword"] = "New-Join-Secret" },
        }, Api.Json)).EnsureSuccessStatusCode();

        var audit = await (await _admin.GetAsync($"/api/v1/audit?objectType=Run&objectId={runId}")).ReadAsync<List<Contracts.Auditing.AuditEntry>>();
        var detail = audit.Single(a => a.Action == "resume").Detail.ShouldNotBeNull();
        detail.ShouldBe("at the failed step; variables edited: Edition=Pro, JoinPassword=********");
        detail.ShouldNotContain("New-Join-Secret");
    }

    [Fact]
    public async Task Resume_with_an_edit_of_a_secret_variable_stores_it_sealed_and_the_device_gets_it_in_clear()
    {
        // Issue 16: the edit of a secret went into the run's stored state (and its inspection rows) as plain text.
        const string edited = "New-Join-Secret-2468";
        var sequenceId = await CreateSequenceAsync(Command("Install"));
        var (agent, deviceId) = await RegisterAsync();
        (await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/JoinPassword",
            new SetVariableRequest { Value = "Old-Join-Secret", Secret = true }, Api.Json)).EnsureSuccessStatusCode();
        var deploymentId = await DeployAsync(sequenceId, deviceId);
        var runId = (await agent.StartDeploymentAsync(deploymentId)).RunId;
        var status = await agent.GetRunAsync(runId);
        (await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 1603 })).Status.ShouldBe("Failed");

        (await _admin.PostAsJsonAsync($"/api/v1/runs/{runId}/resume", new ResumeRunRequest
        {
            VariableEdits = new Dictionary<string, string> { ["Edition"] = "Pro", ["JoinPassword"] = edited },
        }, Api.Json)).EnsureSuccessStatusCode();

        using (var scope = _server.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Server.Storage.StoreContext>();
            var stored = await store.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
            (stored.State + stored.PendingWorkItem).ShouldNotContain(edited);
            stored.State.ShouldContain(Domain.Variables.SealedValues.Marker);
            string.Concat(await store.RunStepInspections.Where(r => r.RunId == runId).Select(r => r.Changes).ToListAsync()).ShouldNotContain(edited);
        }

        var again = (await agent.GetRunAsync(runId)).WorkItem!;
        again.Settings["CommandLine"].ShouldBe("run Install Pro");
        again.Variables!["JoinPassword"].ShouldBe(edited);
        again.SecretVariables.ShouldNotBeNull().ShouldContain("JoinPassword");
        (await (await _admin.GetAsync($"/api/v1/runs/{runId}/inspection")).Content.ReadAsStringAsync()).ShouldNotContain(edited);
    }

    [Fact]
    public async Task Whole_run_with_restart_failure_and_resume_goes_through_the_agent_api()
    {
        var sequenceId = await CreateSequenceAsync(Command("Prepare"), new StepNode { Name = "Restart", Type = StepTypeIds.RestartComputer }, Command("Install"), Command("Finish"));
        var (agent, deviceId) = await RegisterAsync();
        var deploymentId = await DeployAsync(sequenceId, deviceId);

        var checkIn = await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts });
        checkIn.Offers.Single().DeploymentId.ShouldBe(deploymentId);
        checkIn.ActiveRunId.ShouldBeNull();
        var runId = (await agent.StartDeploymentAsync(deploymentId)).RunId;

        var status = await agent.GetRunAsync(runId);
        status.WorkItem!.Name.ShouldBe("Prepare");
        status.WorkItem.Settings["CommandLine"].ShouldBe("run Prepare %Edition%");
        status = await agent.PostResultAsync(runId, status.WorkItem.Id, new WorkItemResult { ExitCode = 0 });
        status.WorkItem!.Kind.ShouldBe("Restart");
        status = await agent.ReportRestartAsync(runId, new RestartReport { Expected = true, WorkItemId = status.WorkItem.Id });
        status.WorkItem!.Name.ShouldBe("Install");
        status = await agent.PostResultAsync(runId, status.WorkItem.Id, new WorkItemResult { ExitCode = 1603, Message = "install failed" });
        status.Status.ShouldBe("Failed");
        status.WorkItem.ShouldBeNull();

        var failed = await (await _admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
        failed.FailedPath.ShouldBe("2");
        failed.History.Select(h => $"{h.Name}:{h.Outcome}").ShouldBe(["Prepare:Succeeded", "Restart:Succeeded", "Install:Failed"]);
        failed.History[2].ExitCode.ShouldBe(1603);

        (await _admin.PostAsJsonAsync($"/api/v1/runs/{runId}/resume",
            new ResumeRunRequest { VariableEdits = new Dictionary<string, string> { ["Edition"] = "Pro" } }, Api.Json)).EnsureSuccessStatusCode();
        status = await agent.GetRunAsync(runId);
        status.WorkItem!.Name.ShouldBe("Install");
        status.WorkItem.Settings["CommandLine"].ShouldBe("run Install Pro");
        status = await agent.PostResultAsync(runId, status.WorkItem.Id, new WorkItemResult { ExitCode = 0 });
        var finish = status.WorkItem!;
        status = await agent.PostResultAsync(runId, finish.Id, new WorkItemResult { ExitCode = 0 });
        status.Status.ShouldBe("Succeeded");

        // The agent retries a result it could not confirm: nothing changes.
        (await agent.PostResultAsync(runId, finish.Id, new WorkItemResult { ExitCode = 1 })).Status.ShouldBe("Succeeded");

        var done = await (await _admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
        done.History.Select(h => $"{h.Name}:{h.Outcome}").ShouldBe(
            ["Prepare:Succeeded", "Restart:Succeeded", "Install:Failed", "Install:Succeeded", "Finish:Succeeded"]);
        done.Summary.Status.ShouldBe("Succeeded");
    }

    [Fact]
    public async Task Run_another_program_first_runs_once_per_device_before_the_sequence()
    {
        // The program's package is on the site: a save naming a package the site lacks is refused (issue 13).
        var client = (await Content.ContentTestKit.CreatePackageAsync(_admin, "Client", Content.ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "exit 0")))).Id;
        var created = await _admin.CreateAsync("Needs a client first");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with
        {
            Nodes = [Command("Main")],
            Advanced = new AdvancedProperties { RunAnotherProgramFirst = new RunFirstProgram { PackageId = client, ProgramName = "Setup" } },
        }, created.ETag)).EnsureSuccessStatusCode();
        var (agent, deviceId) = await RegisterAsync();
        var deploymentId = await DeployAsync(created.Summary.Id, deviceId);

        var firstRun = (await agent.StartDeploymentAsync(deploymentId)).RunId;
        var first = (await agent.GetRunAsync(firstRun)).WorkItem!;
        var main = (await agent.PostResultAsync(firstRun, first.Id, new WorkItemResult { ExitCode = 0 })).WorkItem!;
        (await agent.PostResultAsync(firstRun, main.Id, new WorkItemResult { ExitCode = 0 })).Status.ShouldBe("Succeeded");
        var secondRun = (await agent.StartDeploymentAsync(deploymentId)).RunId;

        first.Name.ShouldBe($"Run another program first: {client} Setup");
        first.StepType.ShouldBe(StepTypeIds.InstallPackage);
        first.Settings["PackageID"].ShouldBe(client);
        first.Settings["ProgramName"].ShouldBe("Setup");
        main.Name.ShouldBe("Main");
        (await agent.GetRunAsync(secondRun)).WorkItem!.Name.ShouldBe("Main");
    }

    [Fact]
    public async Task Step_log_chunks_sent_twice_are_stored_once_and_read_back_in_order()
    {
        var sequenceId = await CreateSequenceAsync(Command("Prepare"));
        var (agent, deviceId) = await RegisterAsync();
        var runId = (await agent.StartDeploymentAsync(await DeployAsync(sequenceId, deviceId))).RunId;
        var item = (await agent.GetRunAsync(runId)).WorkItem!;

        await agent.AppendStepLogAsync(runId, item.Id, new StepLogChunk { Offset = 0, Text = "first line\n" });
        await agent.AppendStepLogAsync(runId, item.Id, new StepLogChunk { Offset = 0, Text = "first line\n" });
        await agent.AppendStepLogAsync(runId, item.Id, new StepLogChunk { Offset = 11, Text = "second line\n" });
        var tooLong = await Should.ThrowAsync<ApiException>(() => agent.AppendStepLogAsync(runId, item.Id, new StepLogChunk { Offset = 23, Text = new string('x', 70_000) }));

        var log = await (await _admin.GetAsync($"/api/v1/runs/{runId}/log")).ReadAsync<List<RunLogEntry>>();
        string.Concat(log.Select(l => l.Text)).ShouldBe("first line\nsecond line\n");
        log.ShouldAllBe(l => l.WorkItemId == item.Id);
        tooLong.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_results_from_many_devices_share_commits_and_each_is_applied_exactly_once()
    {
        var sequenceId = await CreateSequenceAsync(Command("One"), Command("Two"), Command("Three"), Command("Four"));
        var devices = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => RegisterAsync()));

        // Every device posts each result twice at once, as an agent does when it retries an unconfirmed post.
        var runs = await Task.WhenAll(devices.Select(async device =>
        {
            var runId = (await device.Agent.StartDeploymentAsync(await DeployAsync(sequenceId, device.DeviceId))).RunId;
            var status = await device.Agent.GetRunAsync(runId);
            while (status.WorkItem is { } item)
            {
                var both = await Task.WhenAll(
                    device.Agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = 0 }),
                    device.Agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = 0 }));
                status = both[1];
            }

            return runId;
        }));

        foreach (var runId in runs)
        {
            var run = await (await _admin.GetAsync($"/api/v1/runs/{runId}")).ReadAsync<RunDetails>();
            run.Summary.Status.ShouldBe("Succeeded");
            run.History.Select(h => h.Name).ShouldBe(["One", "Two", "Three", "Four"]);
        }
    }

    [Fact]
    public async Task Unexpected_restart_during_a_step_retries_it_when_the_step_allows()
    {
        var sequenceId = await CreateSequenceAsync(Command("Flaky") with { RetryOnUnexpectedRestart = 1 });
        var (agent, deviceId) = await RegisterAsync();
        var runId = (await agent.StartDeploymentAsync(await DeployAsync(sequenceId, deviceId))).RunId;
        var first = (await agent.GetRunAsync(runId)).WorkItem!;

        var status = await agent.ReportRestartAsync(runId, new RestartReport { Expected = false, WorkItemId = first.Id });

        status.WorkItem!.Name.ShouldBe("Flaky");
        status.WorkItem.Attempt.ShouldBe(2);
        status.WorkItem.Id.ShouldNotBe(first.Id);
    }

    [Fact]
    public async Task Required_deployment_starts_at_check_in()
    {
        var sequenceId = await CreateSequenceAsync(Command("Only"));
        var (agent, deviceId) = await RegisterAsync();
        await DeployAsync(sequenceId, deviceId, "Required");

        var checkIn = await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts });

        checkIn.ActiveRunId.ShouldNotBeNull();
        (await agent.GetRunAsync(checkIn.ActiveRunId!)).WorkItem!.Name.ShouldBe("Only");
        (await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts })).ActiveRunId.ShouldBe(checkIn.ActiveRunId);
    }

    [Fact]
    public async Task Collection_then_device_variables_reach_the_run_and_secrets_are_never_returned()
    {
        var sequenceId = await CreateSequenceAsync(Command("Uses vars"));
        var (agent, deviceId) = await RegisterAsync();
        var deploymentId = await DeployAsync(sequenceId, deviceId);
        var collectionId = (await (await _admin.GetAsync("/api/v1/collections")).ReadAsync<List<CollectionInfo>>()).Single().Id;
        await _admin.PutAsJsonAsync($"/api/v1/collections/{collectionId}/variables/Edition", new SetVariableRequest { Value = "Enterprise" }, Api.Json);
        await _admin.PutAsJsonAsync($"/api/v1/collections/{collectionId}/variables/Site", new SetVariableRequest { Value = "HQ" }, Api.Json);
        await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/Edition", new SetVariableRequest { Value = "Education" }, Api.Json);
        await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/JoinPassword", new SetVariableRequest { Value = "s3cret!", Secret = true }, Api.Json);

        var runId = (await agent.StartDeploymentAsync(deploymentId)).RunId;
        var item = (await agent.GetRunAsync(runId)).WorkItem!;

        item.Settings["CommandLine"].ShouldBe("run Uses vars Education");
        item.Variables!["Site"].ShouldBe("HQ");
        item.Variables["JoinPassword"].ShouldBe("s3cret!");
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            // The secret reaches the device and nothing else: not the run's stored state or work item.
            var stored = await scope.ServiceProvider.GetRequiredService<TsOrchestrator.Server.Storage.StoreContext>().Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
            (stored.State + stored.PendingWorkItem).ShouldNotContain("s3cret!");
        }

        var listed = await (await _admin.GetAsync($"/api/v1/devices/{deviceId}/variables")).ReadAsync<List<VariableInfo>>();
        listed.Single(v => v.Name == "JoinPassword").Value.ShouldBeNull();
        (await (await _admin.GetAsync($"/api/v1/devices/{deviceId}/variables")).Content.ReadAsStringAsync()).ShouldNotContain("s3cret!");
    }

    [Fact]
    public async Task Device_outside_the_platform_list_is_not_offered_the_sequence()
    {
        var created = await _admin.CreateAsync("Windows only");
        await _admin.LockAsync(created.Summary.Id);
        var windowsOnly = created.Sequence with
        {
            Nodes = [Command("A")],
            Advanced = new AdvancedProperties { RunOnAnyPlatform = false, Platforms = [new SupportedPlatform { Os = "windows" }] },
        };
        (await _admin.SaveAsync(windowsOnly, created.ETag)).EnsureSuccessStatusCode();
        var (agent, deviceId) = await RegisterAsync();
        await DeployAsync(created.Summary.Id, deviceId);

        (await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts })).Offers.ShouldBeEmpty();
        (await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts with { InBootMedia = true } })).Offers.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_device_reaches_only_its_own_runs()
    {
        var sequenceId = await CreateSequenceAsync(Command("Mine"));
        var (agent, deviceId) = await RegisterAsync();
        var runId = (await agent.StartDeploymentAsync(await DeployAsync(sequenceId, deviceId))).RunId;
        var (other, _) = await RegisterAsync(LinuxFacts with { Hostname = "lab-02" });

        var workItem = (await agent.GetRunAsync(runId)).WorkItem!.Id;

        (await Should.ThrowAsync<ApiException>(() => other.GetRunAsync(runId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<ApiException>(() => other.PostResultAsync(runId, workItem, new WorkItemResult { ExitCode = 0, Succeeded = true })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<ApiException>(() => other.PostConditionAsync(runId, workItem, new ConditionResult { Result = true })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<ApiException>(() => other.ReportRestartAsync(runId, new RestartReport { Expected = false, WorkItemId = workItem })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await agent.GetRunAsync(runId)).WorkItem!.Id.ShouldBe(workItem); // nothing the other device sent was applied
    }

    [Fact]
    public async Task Registration_with_a_wrong_token_is_refused_and_blocked_devices_are_shut_out()
    {
        var wrong = await Should.ThrowAsync<ApiException>(() => _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = "guess", Facts = LinuxFacts }));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (agent, deviceId) = await RegisterAsync();
        await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts }); // its key is now remembered as approved
        (await _admin.PostAsync($"/api/v1/devices/{deviceId}/block", null)).EnsureSuccessStatusCode();

        (await Should.ThrowAsync<ApiException>(() => agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"sequenceId":"NOPE","collectionId":"X"}""", "sequenceId")]
    [InlineData("""{"sequenceId":"{seq}","collectionId":"NOPE"}""", "collectionId")]
    [InlineData("""{"sequenceId":"{seq}","collectionId":"{col}","purpose":"Sometimes"}""", "purpose")]
    [InlineData("""{"sequenceId":"{seq}","collectionId":"{col}","rerun":"Often"}""", "rerun")]
    [InlineData("""{"sequenceId":"{seq}","collectionId":"{col}","availableAt":"2030-01-02T00:00:00Z","expiresAt":"2030-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task Bad_deployments_are_refused_naming_the_field(string body, string field)
    {
        var sequenceId = await CreateSequenceAsync(Command("A"));
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "C" }, Api.Json)).ReadAsync<CollectionInfo>();
        var json = body.Replace("{seq}", sequenceId, StringComparison.Ordinal).Replace("{col}", collection.Id, StringComparison.Ordinal);

        var response = await _admin.PostAsync("/api/v1/deployments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain(field);
        (await (await _admin.GetAsync("/api/v1/deployments")).ReadAsync<List<DeploymentInfo>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deployed_sequence_cannot_be_deleted_and_says_which_deployment_holds_it()
    {
        var sequenceId = await CreateSequenceAsync(Command("A"));
        var (_, deviceId) = await RegisterAsync();
        var deploymentId = await DeployAsync(sequenceId, deviceId);

        var problem = await (await _admin.DeleteAsync($"/api/v1/task-sequences/{sequenceId}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain(deploymentId);
        (await _admin.GetAsync($"/api/v1/task-sequences/{sequenceId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Variables_with_bad_names_or_unknown_owners_are_refused()
    {
        var (_, deviceId) = await RegisterAsync();

        var readOnly = await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/_SMSTSInWinPE", new SetVariableRequest { Value = "true" }, Api.Json);
        var spaced = await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/Has%20space", new SetVariableRequest { Value = "x" }, Api.Json);
        var unknown = await _admin.PutAsJsonAsync("/api/v1/collections/NOPE/variables/Site", new SetVariableRequest { Value = "x" }, Api.Json);

        (await readOnly.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("name");
        (await spaced.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("name");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await _admin.GetAsync($"/api/v1/devices/{deviceId}/variables")).ReadAsync<List<VariableInfo>>()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-10, 60, 30, false, true)]   // open window, 30 minutes of run time fit in the 50 left
    [InlineData(-10, 60, 120, false, false)] // 120 minutes do not fit
    [InlineData(-10, 60, 0, false, true)]    // no limit: starts in the window, may run past it
    [InlineData(60, 60, 30, false, false)]   // the window opens later
    [InlineData(60, 60, 30, true, true)]     // allowed outside maintenance windows
    public async Task Required_deployment_waits_for_a_maintenance_window_that_fits_its_maximum_run_time(
        int startsInMinutes, int durationMinutes, int maximumRunTimeMinutes, bool allowOutside, bool starts)
    {
        var created = await _admin.CreateAsync("Windowed");
        await _admin.LockAsync(created.Summary.Id);
        (await _admin.SaveAsync(created.Sequence with { Nodes = [Command("A")], Advanced = new AdvancedProperties { MaximumRunTimeMinutes = maximumRunTimeMinutes } }, created.ETag))
            .EnsureSuccessStatusCode();
        var (agent, deviceId) = await RegisterAsync();
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Windowed" }, Api.Json)).ReadAsync<CollectionInfo>();
        await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{deviceId}", null);
        (await _admin.PostAsJsonAsync($"/api/v1/collections/{collection.Id}/maintenance-windows", new CreateMaintenanceWindowRequest
        {
            Name = "Nightly", Start = DateTimeOffset.UtcNow.AddMinutes(startsInMinutes), DurationMinutes = durationMinutes, Recurrence = "Daily",
        }, Api.Json)).EnsureSuccessStatusCode();
        await _admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest
        {
            SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required", AllowOutsideMaintenanceWindow = allowOutside,
        }, Api.Json);

        var checkIn = await agent.CheckInAsync(new CheckInRequest { Facts = LinuxFacts });

        (checkIn.ActiveRunId is not null).ShouldBe(starts);
        checkIn.Offers.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"name":"","start":"2030-01-01T00:00:00Z","durationMinutes":60}""", "name")]
    [InlineData("""{"name":"W","durationMinutes":60}""", "start")]
    [InlineData("""{"name":"W","start":"2030-01-01T00:00:00Z","durationMinutes":0}""", "durationMinutes")]
    [InlineData("""{"name":"W","start":"2030-01-01T00:00:00Z","durationMinutes":60,"recurrence":"Hourly"}""", "recurrence")]
    [InlineData("""{"name":"W","start":"2030-01-01T00:00:00Z","durationMinutes":60,"interval":0}""", "interval")]
    public async Task Bad_maintenance_windows_are_refused_naming_the_field(string body, string field)
    {
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "C" }, Api.Json)).ReadAsync<CollectionInfo>();

        var response = await _admin.PostAsync($"/api/v1/collections/{collection.Id}/maintenance-windows", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain(field);
        (await (await _admin.GetAsync($"/api/v1/collections/{collection.Id}/maintenance-windows")).ReadAsync<List<MaintenanceWindowInfo>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_monitor_receives_the_run_and_then_each_change_as_server_sent_events()
    {
        var sequenceId = await CreateSequenceAsync(Command("One"), Command("Two"));
        var (agent, deviceId) = await RegisterAsync();
        var runId = (await agent.StartDeploymentAsync(await DeployAsync(sequenceId, deviceId))).RunId;
        using var response = await _admin.GetAsync($"/api/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextEventAsync(reader);
        var status = await agent.GetRunAsync(runId);
        status = await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
        var second = await NextEventAsync(reader);
        await agent.PostResultAsync(runId, status.WorkItem!.Id, new WorkItemResult { ExitCode = 0 });
        var third = await NextEventAsync(reader);

        first.Status.ShouldBe("Running");
        first.CurrentStep.ShouldBe("0");
        second.Records.Single().Name.ShouldBe("One");
        second.CurrentStep.ShouldBe("1");
        third.Status.ShouldBe("Succeeded");
        third.Records.Single().Name.ShouldBe("Two");
        using var end = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        (await reader.ReadToEndAsync(end.Token)).Trim().ShouldBeEmpty();
    }

    private static async Task<RunEventMessage> NextEventAsync(StreamReader reader)
    {
        // Bounded so that a missing event fails the test instead of hanging the run.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        while ((line = await reader.ReadLineAsync(limit.Token)) is not null)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return System.Text.Json.JsonSerializer.Deserialize<RunEventMessage>(line["data: ".Length..], Api.Json)!;
            }
        }

        throw new EndOfStreamException("the event stream ended");
    }
}
