using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>The real agent process against the real server process, running real sequences on this machine.</summary>
public sealed class AgentRunTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Agent_runs_commands_variables_conditions_and_a_restart_to_success()
    {
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E00001", "name": "Commands and a restart", "nodes": [
              {"kind": "group", "name": "Prepare", "children": [
                {"kind": "step", "name": "Set role", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "Role", "VariableValue": "lab"}},
                {"kind": "step", "name": "Write role", "type": "RunShellScript", "settings": {"Script": "echo \"$Role\" > {{{files}}}/role.txt"}},
                {"kind": "step", "name": "Read role", "type": "RunCommandLine", "settings": {"CommandLine": "cat {{{files}}}/role.txt", "OutputVariableName": "Captured"}},
                {"kind": "step", "name": "Needs a missing file", "condition": {"type": "file", "path": "{{{files}}}/absent"}, "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/never"}},
                {"kind": "step", "name": "Needs the role file", "condition": {"type": "file", "path": "{{{files}}}/role.txt"}, "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/ran"}}
              ]},
              {"kind": "step", "name": "Restart", "type": "RestartComputer", "settings": {"MessageTimeout": "0"}},
              {"kind": "step", "name": "After restart", "type": "RunCommandLine", "settings": {"CommandLine": "echo %Captured% > {{{files}}}/after.txt"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        device.Restarts.ShouldBe(1);
        File.ReadAllText(Path.Combine(files, "after.txt")).Trim().ShouldBe("lab");
        File.Exists(Path.Combine(files, "ran")).ShouldBeTrue();
        File.Exists(Path.Combine(files, "never")).ShouldBeFalse();
        run.History.Single(h => h.Name == "Needs a missing file").Outcome.ShouldBe("Skipped");
        run.History.Where(h => h.Outcome == "Succeeded").Select(h => h.Name)
            .ShouldBe(["Set role", "Write role", "Read role", "Needs the role file", "Restart", "After restart"]);
        File.Exists(device.JournalPath).ShouldBeFalse();
        var log = await Site.Admin(server).GetRunLogAsync(run.Summary.Id);
        string.Concat(log.Select(l => l.Text)).ShouldContain($"> cat {files}/role.txt\nlab\n");
    }

    [Fact]
    public async Task Os_language_condition_sees_the_systems_language_not_the_agents_invariant_culture()
    {
        // Issue 16: the agent runs with invariant globalization, so every OS-language condition saw en-US.
        using var device = new DeviceUnderTest(server) { EnvironmentVariables = new Dictionary<string, string> { ["LC_ALL"] = "", ["LANG"] = "de_DE.UTF-8" } };
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00031", "name": "Language", "nodes": [
              {"kind": "step", "name": "German only", "condition": {"type": "osLanguage", "operator": "equals", "language": "de-DE"}, "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "English only", "condition": {"type": "osLanguage", "operator": "equals", "language": "en-US"}, "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "German only").Outcome.ShouldBe("Succeeded");
        run.History.Single(h => h.Name == "English only").Outcome.ShouldBe("Skipped");
    }

    [Fact]
    public async Task Finished_required_deployment_is_not_announced_again_when_the_agent_starts_again()
    {
        // Issue 16: every agent start announced "new software is available" for deployments it had already run.
        using var device = new DeviceUnderTest(server);
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00032", "name": "Once", "nodes": [
              {"kind": "step", "name": "Only step", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);
        await device.RunUntilIdleAsync();
        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);

        using (var again = device.Start())
        {
            (await device.WaitAsync(again)).ShouldBe(0, device.Output);
        }

        device.Output.Split("new software is available: 'Once'").Length.ShouldBe(2, device.Output);
    }

    [Fact]
    public async Task Required_high_impact_run_shows_its_notification_before_its_first_step()
    {
        using var device = new DeviceUnderTest(server);
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00009", "name": "Reimage", "nodes": [
              {"kind": "step", "name": "Wipe", "type": "RunShellScript", "settings": {"Script": "true"}}
            ], "advanced": {"suppressNotifications": true},
            "userNotification": {"highImpact": true, "useCustomText": true, "headline": "Your lab PC is being rebuilt", "message1": "Save your work on the share now.",
              "message2": "It restarts several times.", "message3": "Call the lab desk with questions."}}
            """);

        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        var output = device.Output;
        var headline = output.IndexOf("high-impact: 'Reimage': Your lab PC is being rebuilt", StringComparison.Ordinal);
        headline.ShouldBeGreaterThanOrEqualTo(0, output);
        output.IndexOf("  Save your work on the share now.", StringComparison.Ordinal).ShouldBeGreaterThan(headline, output);
        output.IndexOf("step 'Wipe'", StringComparison.Ordinal).ShouldBeGreaterThan(headline, output);
        output.ShouldNotContain("new software is available: 'Reimage'");
    }

    [Fact]
    public async Task Failing_step_fails_the_run_with_its_exit_code_and_last_output()
    {
        using var device = new DeviceUnderTest(server);
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00002", "name": "Fails", "nodes": [
              {"kind": "step", "name": "Breaks", "type": "RunShellScript", "settings": {"Script": "echo disk not found\nexit 5"}},
              {"kind": "step", "name": "Never", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Failed");
        var failed = run.History.ShouldHaveSingleItem();
        failed.ExitCode.ShouldBe(5);
        failed.Reason.ShouldNotBeNull().ShouldContain("disk not found");
    }

    [Fact]
    public async Task Required_deployment_with_a_step_the_agent_cannot_run_is_not_started_and_its_status_says_why()
    {
        using var device = new DeviceUnderTest(server);
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00003", "name": "Windows only", "nodes": [
              {"kind": "step", "name": "Encrypt", "type": "EnableBitLocker", "settings": {}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        // Refused up front by what the agent reported, never by surprise in the middle of a run.
        var admin = Site.Admin(server);
        (await admin.ListRunsAsync(deploymentId: deploymentId)).ShouldBeEmpty();
        var status = (await admin.ListDeploymentStatusAsync()).Single(s => s.DeploymentId == deploymentId);
        status.CannotRun.ShouldBe(1);
        status.Devices.ShouldHaveSingleItem().Reason.ShouldBe("cannot run: Enable BitLocker (step 0) on linux full-os");
    }

    [Fact]
    public async Task Cancelling_a_run_on_the_server_ends_the_running_step_on_the_device()
    {
        using var device = new DeviceUnderTest(server);
        var pid = Path.Combine(device.Files, "pid");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E00004", "name": "Long", "nodes": [
              {"kind": "step", "name": "Sleeps", "type": "RunShellScript", "settings": {"Script": "sleep 120 & echo $! > {{{pid}}}\nwait"}}
            ]}
            """);

        using var agent = device.Start();
        await Until(() => File.Exists(pid) && File.ReadAllText(pid).Trim().Length > 0, device);
        var runId = (await Site.Admin(server).ListRunsAsync(deploymentId: deploymentId)).Single().Id;
        await Site.Admin(server).CancelRunAsync(runId);

        (await device.WaitAsync(agent, 60)).ShouldBe(0, device.Output);
        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Cancelled");
        device.Output.ShouldContain("ending the running step");
        var sleeper = int.Parse(File.ReadAllText(pid).Trim());
        (!File.Exists($"/proc/{sleeper}/stat") || File.ReadAllText($"/proc/{sleeper}/stat").Split(' ')[2] == "Z").ShouldBeTrue();
    }

    [Fact]
    public async Task Unreachable_server_is_reported_and_retried_not_a_crash()
    {
        using var device = new DeviceUnderTest(server);

        using var agent = device.Start(server: "http://127.0.0.1:9");
        await Until(() => device.Output.Contains("register: the server does not answer", StringComparison.Ordinal), device);

        agent.HasExited.ShouldBeFalse();
        await DeviceUnderTest.KillAsync(agent);
    }

    [Fact]
    public async Task Wrong_enrollment_token_is_refused_with_one_clear_line()
    {
        using var device = new DeviceUnderTest(server) { EnrollmentToken = "not-the-site-token" };

        using var agent = device.Start();

        (await device.WaitAsync(agent)).ShouldBe(2);
        device.Output.ShouldContain("refused to register this device: 401");
        device.Output.ShouldNotContain("   at ");
    }

    internal static async Task Until(Func<bool> condition, DeviceUnderTest device, int seconds = 60)
    {
        for (var waited = 0; waited < seconds * 20; waited++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new ShouldAssertException($"gave up waiting after {seconds} s; agent output:\n{device.Output}");
    }
}
