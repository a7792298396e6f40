using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Run inspection of a run the real agent process ran against the real server process.</summary>
public sealed class AgentInspectionTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Finished_run_shows_each_steps_variables_before_and_after_and_the_device_conditions_decider()
    {
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E00041", "name": "Inspected", "nodes": [
              {"kind": "group", "name": "Prepare", "children": [
                {"kind": "step", "name": "Set role", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "Role", "VariableValue": "lab"}},
                {"kind": "step", "name": "Write role", "type": "RunShellScript", "settings": {"Script": "echo \"$Role\" > {{{files}}}/role.txt"}},
                {"kind": "step", "name": "Read role", "type": "RunCommandLine", "settings": {"CommandLine": "cat {{{files}}}/role.txt", "OutputVariableName": "Captured"}}
              ]},
              {"kind": "step", "name": "Needs a missing file", "condition": {"type": "file", "path": "{{{files}}}/absent"}, "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "Either file", "condition": {"type": "if", "kind": "any", "conditions": [
                {"type": "file", "path": "{{{files}}}/absent"}, {"type": "file", "path": "{{{files}}}/role.txt"}]},
                "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        var admin = Site.Admin(server);
        var inspection = await admin.InspectRunAsync(run.Summary.Id);
        inspection.Steps.Select(s => s.NamePath).ShouldBe(["Prepare/Set role", "Prepare/Write role", "Prepare/Read role", "Needs a missing file", "Either file"]);
        inspection.Steps.ShouldAllBe(s => s.Inspected);
        inspection.Capped.ShouldBeNull();
        inspection.Steps[0].Changes.ShouldContain(new VariableChangeInfo { Name = "Role", Change = "Added", After = "lab" });
        inspection.Steps[3].ConditionEvaluation.ShouldBe($"file {files}/absent false");
        inspection.Steps[4].ConditionEvaluation.ShouldBe($"If any: 2nd condition (file {files}/role.txt) true");

        var read = (await admin.InspectRunAsync(run.Summary.Id, "Prepare/Read role")).Steps.Single();
        read.ExitCode.ShouldBe(0);
        read.Before!["Role"].ShouldBe("lab");
        read.Before.ContainsKey("Captured").ShouldBeFalse();
        read.After!["Captured"].Trim().ShouldBe("lab");
        read.Changes.Single(c => c.Name == "Captured").Change.ShouldBe("Added");
        read.Log.ShouldNotBeNull();
        read.Log.ShouldContain($"> cat {files}/role.txt\nlab\n");
    }
}
