using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Runs.Inspection;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Runs;

/// <summary>Run inspection through the admin API, with runs driven through the agent API as an agent drives them.</summary>
public sealed class RunInspectionTests : IDisposable
{
    private static readonly DeviceFacts Facts = new() { Hostname = "inspect-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };

    private ServerFactory _server = new();
    private HttpClient _admin;

    public RunInspectionTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static StepNode Command(string name, Condition? condition = null) => new()
    {
        Name = name, Type = StepTypeIds.RunCommandLine, Condition = condition,
        Settings = new Dictionary<string, string> { ["CommandLine"] = $"run {name}" },
    };

    private static StepNode SetVariable(string name, string variable, string value) => new()
    {
        Name = name, Type = StepTypeIds.SetTaskSequenceVariable,
        Settings = new Dictionary<string, string> { ["VariableName"] = variable, ["VariableValue"] = value },
    };

    [Fact]
    public async Task Step_that_sets_variables_shows_its_changes_and_its_variables_before_and_after()
    {
        var (agent, runId, _) = await StartAsync(SetVariable("Choose edition", "Edition", "Pro"),
            new GroupNode { Name = "Apps", Children = [Command("Install")] });
        var install = (await agent.GetRunAsync(runId)).WorkItem!;
        (await agent.PostResultAsync(runId, install.Id, new WorkItemResult { ExitCode = 0, Variables = new Dictionary<string, string> { ["Installed"] = "yes" } }))
            .Status.ShouldBe("Succeeded");

        var all = await InspectAsync(runId);
        var choose = all.Steps.Single(s => s.Name == "Choose edition");
        choose.Inspected.ShouldBeTrue();
        choose.Changes.ShouldContain(new VariableChangeInfo { Name = "Edition", Change = "Added", After = "Pro" });
        all.Steps.Select(s => s.NamePath).ShouldBe(["Choose edition", "Apps/Install"]);

        var one = await InspectAsync(runId, "apps/install");
        var step = one.Steps.Single();
        step.Path.ShouldBe("1/0");
        step.ExitCode.ShouldBe(0);
        step.Attempt.ShouldBe(1);
        step.StartedAt.ShouldNotBeNull();
        step.EndedAt.ShouldNotBeNull();
        step.Before!["Edition"].ShouldBe("Pro");
        step.Before.ContainsKey("Installed").ShouldBeFalse();
        step.Before["_SMSTSCurrentActionName"].ShouldBe("Install");
        step.After!["Installed"].ShouldBe("yes");
        step.Changes.ShouldContain(new VariableChangeInfo { Name = "Installed", Change = "Added", After = "yes" });
        step.Changes.ShouldContain(new VariableChangeInfo { Name = "_SMSTSLastActionName", Change = "Changed", Before = "Choose edition", After = "Install" });
        (await InspectAsync(runId, "1/0")).Steps.Single().Sequence.ShouldBe(step.Sequence);
    }

    [Fact]
    public async Task Skipped_step_names_the_sub_condition_that_decided()
    {
        var condition = IfStatement.AnyOf(
            new VariableCondition { Variable = "OSDDisk", Operator = ConditionOperator.Equals, Value = "1" },
            new VariableCondition { Variable = "OSDDisk", Operator = ConditionOperator.Exists });
        var (agent, runId, _) = await StartAsync(SetVariable("Pick disk", "OSDDisk", "0"),
            Command("Format", IfStatement.AllOf(new VariableCondition { Variable = "OSDDisk", Operator = ConditionOperator.Equals, Value = "1" })),
            Command("Partition", condition));
        var partition = (await agent.GetRunAsync(runId)).WorkItem!;
        await agent.PostResultAsync(runId, partition.Id, new WorkItemResult { ExitCode = 0 });

        var steps = (await InspectAsync(runId)).Steps;
        var format = steps.Single(s => s.Name == "Format");
        format.Outcome.ShouldBe("Skipped");
        format.ConditionEvaluation.ShouldBe("If all: 1st condition (variable OSDDisk equals 1) false");
        steps.Single(s => s.Name == "Partition").ConditionEvaluation.ShouldBe("If any: 2nd condition (variable OSDDisk exists) true");
    }

    [Fact]
    public async Task Secret_values_are_masked_in_the_inspection_and_never_stored()
    {
        const string dynamicSecret = "Dynamic-Clear-Secret-4711";
        const string echoedSecret = "Device-Clear-Secret-0815";
        var rules = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["set"] = new System.Text.Json.Nodes.JsonObject { ["JoinSecret"] = dynamicSecret, ["Role"] = "lab" },
            ["secret"] = new System.Text.Json.Nodes.JsonArray("JoinSecret"),
        }).ToJsonString();
        var (agent, runId, deviceId) = await StartAsync(
            new StepNode { Name = "Rules", Type = StepTypeIds.SetDynamicVariables, Settings = new Dictionary<string, string> { ["Rules"] = rules } },
            Command("Echo"));
        (await _admin.PutAsJsonAsync($"/api/v1/devices/{deviceId}/variables/DomainPassword", new SetVariableRequest { Value = echoedSecret, Secret = true }, Api.Json))
            .EnsureSuccessStatusCode();
        var dynamic = (await agent.GetRunAsync(runId)).WorkItem!;
        var echo = (await agent.PostResultAsync(runId, dynamic.Id, new WorkItemResult
        {
            ExitCode = 0, Variables = new Dictionary<string, string> { ["JoinSecret"] = dynamicSecret, ["Role"] = "lab" },
        })).WorkItem!;
        // A step that sets a variable named as a secret one (its value came from the secret) is masked by name.
        (await agent.PostResultAsync(runId, echo.Id, new WorkItemResult { ExitCode = 0, Variables = new Dictionary<string, string> { ["DomainPassword"] = echoedSecret } }))
            .Status.ShouldBe("Succeeded");

        var json = await (await _admin.GetAsync($"/api/v1/runs/{runId}/inspection?step=Echo")).Content.ReadAsStringAsync();
        var all = await InspectAsync(runId);

        all.Steps.Single(s => s.Name == "Rules").Changes.ShouldContain(new VariableChangeInfo { Name = "JoinSecret", Change = "Added", After = InspectedValues.Masked });
        all.Steps.Single(s => s.Name == "Rules").Changes.ShouldContain(new VariableChangeInfo { Name = "Role", Change = "Added", After = "lab" });
        all.Steps.Single(s => s.Name == "Echo").Changes.ShouldContain(new VariableChangeInfo { Name = "DomainPassword", Change = "Added", After = InspectedValues.Masked });
        json.ShouldNotContain(dynamicSecret);
        json.ShouldNotContain(echoedSecret);
        json.ShouldContain(InspectedValues.Masked);
        using var scope = _server.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<StoreContext>().RunStepInspections.Where(r => r.RunId == runId).Select(r => r.Changes).ToListAsync();
        string.Concat(rows).ShouldNotContain(dynamicSecret);
    }

    [Fact]
    public async Task Run_past_its_inspection_cap_says_after_which_step_and_goes_on()
    {
        RestartWith(new Dictionary<string, string> { ["Runs:InspectionBytesPerRun"] = "2048" });
        var big = new string('x', 600);
        var (_, runId, _) = await StartAsync(SetVariable("First", "A", big), SetVariable("Second", "B", big), SetVariable("Third", "C", big), SetVariable("Fourth", "D", big));

        var inspection = await InspectAsync(runId);

        inspection.Status.ShouldBe("Succeeded");
        inspection.CapBytes.ShouldBe(2048);
        inspection.BytesKept.ShouldBeLessThanOrEqualTo(2048);
        inspection.Capped.ShouldNotBeNull();
        var last = inspection.Steps.Last(s => s.Inspected);
        inspection.Capped.ShouldStartWith($"capped after step '{last.NamePath}' (#{last.Sequence}): the run reached its 2,048 bytes");
        inspection.Steps.Count.ShouldBe(4);
        inspection.Steps[^1].Inspected.ShouldBeFalse();
        inspection.Steps[^1].Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Retention_removes_inspection_data_of_runs_ended_long_ago_and_says_so()
    {
        var (_, oldRun, _) = await StartAsync(SetVariable("Set", "A", "1"));
        var (_, newRun, _) = await StartAsync(SetVariable("Set", "A", "2"));
        using (var scope = _server.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
            var run = await store.Runs.FirstAsync(r => r.Id == oldRun);
            run.UpdatedAt = run.UpdatedAt.AddDays(-91);
            await store.SaveChangesAsync();
            (await scope.ServiceProvider.GetRequiredService<RunInspectionRetention>().SweepAsync(CancellationToken.None)).ShouldBe(1);
            (await store.RunStepInspections.CountAsync(r => r.RunId == oldRun)).ShouldBe(0);
        }

        var removed = await InspectAsync(oldRun);
        var kept = await InspectAsync(newRun);

        removed.Removed.ShouldNotBeNull();
        removed.Removed.ShouldContain("by retention (90 days, Runs:InspectionRetentionDays)");
        removed.Steps.Single().Inspected.ShouldBeFalse();
        removed.Steps.Single().Changes.ShouldBeEmpty();
        kept.Removed.ShouldBeNull();
        kept.Steps.Single().Changes.ShouldContain(new VariableChangeInfo { Name = "A", Change = "Added", After = "2" });
    }

    [Fact]
    public async Task Step_that_is_not_in_the_run_is_a_problem_naming_it()
    {
        var (_, runId, _) = await StartAsync(SetVariable("Set", "A", "1"));

        var problem = await (await _admin.GetAsync($"/api/v1/runs/{runId}/inspection?step=Nowhere/Nothing")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("step: 'Nowhere/Nothing' is not a step of run");
        problem.ErrorFields().ShouldBe(["step"]);
        (await _admin.GetAsync("/api/v1/runs/RUNNOSUCHRUN/inspection")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private void RestartWith(Dictionary<string, string> settings)
    {
        _admin.Dispose();
        _server.Dispose();
        _server = new ServerFactory(settings: settings);
        _admin = _server.AdminClient();
    }

    private async Task<RunInspection> InspectAsync(string runId, string? step = null) =>
        await (await _admin.GetAsync($"/api/v1/runs/{runId}/inspection{(step is null ? "" : "?step=" + Uri.EscapeDataString(step))}")).ReadAsync<RunInspection>();

    /// <summary>Creates the sequence, deploys it to a new device and starts its run there.</summary>
    private async Task<(IAgentApi Agent, string RunId, string DeviceId)> StartAsync(params TaskSequenceNode[] nodes)
    {
        var created = await _admin.CreateAsync("Inspected " + Guid.NewGuid().ToString("N")[..6]);
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with { Nodes = nodes }, created.ETag)).EnsureSuccessStatusCode();
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts });
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab " + Guid.NewGuid().ToString("N")[..6] }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null)).EnsureSuccessStatusCode();
        var deployment = await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Available" }, Api.Json)).ReadAsync<DeploymentInfo>();
        var agent = _server.Agent(registration.DeviceKey);
        return (agent, (await agent.StartDeploymentAsync(deployment.Id)).RunId, registration.DeviceId);
    }
}
