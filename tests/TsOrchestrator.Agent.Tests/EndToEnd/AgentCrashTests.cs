using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// Devices that lose power mid-step or mid-restart, and a server that crashes mid-run: every run must end as the
/// semantics say, with every step result applied exactly once.
/// </summary>
public sealed class AgentCrashTests(ServerProcess server, ITestOutputHelper output) : IClassFixture<ServerProcess>
{
    private const int Steps = 8;

    [Fact]
    public async Task Agent_killed_many_times_mid_step_and_after_restart_requests_never_loses_or_repeats_a_result()
    {
        using var device = new DeviceUnderTest(server);
        var log = Path.Combine(device.Files, "log");
        var nodes = Enumerable.Range(1, Steps).Select(i =>
            $$$"""{"kind": "step", "name": "Step {{{i}}}", "retryOnUnexpectedRestart": 5, "type": "RunShellScript", "settings": {"Script": "sleep 0.3\necho {{{i}}} >> {{{log}}}"}}""")
            .ToList();
        nodes.Insert(3, """{"kind": "step", "name": "Restart A", "type": "RestartComputer", "settings": {"MessageTimeout": "0"}}""");
        nodes.Insert(7, """{"kind": "step", "name": "Restart B", "type": "RestartComputer", "settings": {"MessageTimeout": "0"}}""");
        var deploymentId = await Site.DeployAsync(server, device, $$"""{"formatVersion": 1, "id": "CRASH001", "name": "Crash", "nodes": [{{string.Join(",\n", nodes)}}]}""");

        // Each kill lands at a random moment: in a step, between a step and its report, around a restart. The journal
        // as the killed agent left it says which: a step left Started was interrupted and must be retried.
        var interrupted = new Dictionary<string, HashSet<string>>();
        var random = new Random(20261129);
        for (var kill = 0; kill < 15 && interrupted.Values.Sum(v => v.Count) < 5; kill++)
        {
            using var agent = device.Start();
            // A third of the kills come at a random time; the others wait for the journal to show a step running, or a
            // step just finished or a restart just asked for, so that every kind of moment is hit however slow the machine.
            var moment = (kill % 3) switch
            {
                0 => Task.Delay(random.Next(150, 1400)),
                1 => JournalShowsAsync(device, state => state == "Started"),
                _ => JournalShowsAsync(device, state => state is "Finished" or "RestartRequested"),
            };
            await Task.WhenAny(agent.WaitForExitAsync(), moment);
            if (agent.HasExited)
            {
                if (agent.ExitCode == 0)
                {
                    break;
                }

                agent.ExitCode.ShouldBe(194, device.Output);
                continue;
            }

            await DeviceUnderTest.KillAsync(agent);
            if (device.JournalRecord() is { State: "Started" } record)
            {
                (interrupted.TryGetValue(record.Path, out var items) ? items : interrupted[record.Path] = []).Add(record.WorkItemId);
            }
        }

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        output.WriteLine($"steps interrupted: {string.Join(", ", interrupted.Select(i => $"{i.Key} x{i.Value.Count}"))}; restarts after the kills: {device.Restarts}");
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        interrupted.ShouldNotBeEmpty("no kill landed in a step: the test proved nothing");
        foreach (var path in run.History.Select(h => h.Path).Distinct())
        {
            var records = run.History.Where(h => h.Path == path).ToList();
            records.Count(r => r.Outcome == "Succeeded").ShouldBe(1, $"step {path}: {string.Join(", ", records.Select(r => r.Outcome))}");
            records.Count(r => r.Outcome == "Failed").ShouldBe(interrupted.GetValueOrDefault(path)?.Count ?? 0, $"step {path}");
            records.Select(r => r.Attempt).ShouldBe(Enumerable.Range(1, records.Count), $"step {path}");
        }

        run.History.Count(h => h.Outcome == "Succeeded").ShouldBe(Steps + 2);
        var written = File.ReadAllLines(log).Select(int.Parse).ToList();
        written.Distinct().ShouldBe(Enumerable.Range(1, Steps)); // in order; an interrupted step may have written before it died
        File.Exists(device.JournalPath).ShouldBeFalse();
    }

    private static async Task JournalShowsAsync(DeviceUnderTest device, Func<string, bool> state)
    {
        for (var i = 0; i < 4000; i++)
        {
            try
            {
                if (device.JournalRecord() is { } record && state(record.State))
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
            {
                // Caught between the agent's write and rename: look again.
            }

            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Corrupt_journal_is_quarantined_and_the_interrupted_step_reported_as_an_unexpected_restart()
    {
        using var device = new DeviceUnderTest(server);
        var started = Path.Combine(device.Files, "started");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CRASH002", "name": "Corrupt journal", "nodes": [
              {"kind": "step", "name": "Long", "retryOnUnexpectedRestart": 1, "type": "RunShellScript",
               "settings": {"Script": "if [ -f {{{started}}} ]; then exit 0; fi\ntouch {{{started}}}\nsleep 120"}}
            ]}
            """);
        using (var agent = device.Start())
        {
            await AgentRunTests.Until(() => File.Exists(started), device);
            await DeviceUnderTest.KillAsync(agent);
        }

        File.WriteAllText(device.JournalPath, "{\"runId\": \"R");
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Select(h => h.Outcome).ShouldBe(["Failed", "Succeeded"]);
        device.Output.ShouldContain("the checkpoint journal could not be read and was moved to");
        Directory.GetFiles(device.StateDirectory, "journal.corrupt-*.json").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Journal_replaced_by_a_folder_is_moved_aside_and_the_interrupted_step_reported_as_an_unexpected_restart()
    {
        using var device = new DeviceUnderTest(server);
        var (deploymentId, ran) = await KillMidStepAsync(device, "CRASH004");
        File.Delete(device.JournalPath);
        Directory.CreateDirectory(device.JournalPath);

        await device.RunUntilIdleAsync();

        await AssertInterruptedStepNotRunAgainAsync(device, deploymentId, ran);
        device.Output.ShouldContain("the checkpoint journal could not be read and was moved to");
        Directory.GetDirectories(device.StateDirectory, "journal.corrupt-*.json").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Journal_naming_a_run_the_server_does_not_know_does_not_run_the_interrupted_step_again()
    {
        using var device = new DeviceUnderTest(server);
        var (deploymentId, ran) = await KillMidStepAsync(device, "CRASH005");
        RewriteJournal(device, "runId", "RUN-NOT-THIS-DEVICES");

        await device.RunUntilIdleAsync();

        await AssertInterruptedStepNotRunAgainAsync(device, deploymentId, ran);
        device.Output.ShouldContain("the server refused the journal's report for run RUN-NOT-THIS-DEVICES");
    }

    [Fact]
    public async Task Journal_naming_a_stale_work_item_does_not_run_the_interrupted_step_again()
    {
        using var device = new DeviceUnderTest(server);
        var (deploymentId, ran) = await KillMidStepAsync(device, "CRASH006");
        RewriteJournal(device, "workItemId", "w999");

        await device.RunUntilIdleAsync();

        await AssertInterruptedStepNotRunAgainAsync(device, deploymentId, ran);
        device.Output.ShouldContain("the journal names work item w999");
    }

    /// <summary>Deploys a step with no retry on an unexpected restart, and kills the agent while it runs.</summary>
    private async Task<(string DeploymentId, string Ran)> KillMidStepAsync(DeviceUnderTest device, string id)
    {
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "{{{id}}}", "name": "Interrupted", "nodes": [
              {"kind": "step", "name": "Long", "retryOnUnexpectedRestart": 0, "type": "RunShellScript",
               "settings": {"Script": "if [ -f {{{ran}}} ]; then echo again >> {{{ran}}}; exit 0; fi\necho first >> {{{ran}}}\nsleep 120"}}
            ]}
            """);
        using var agent = device.Start();
        await AgentRunTests.Until(() => File.Exists(ran) && device.JournalRecord() is { State: "Started" }, device);
        await DeviceUnderTest.KillAsync(agent);
        return (deploymentId, ran);
    }

    private static void RewriteJournal(DeviceUnderTest device, string property, string value)
    {
        var journal = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(device.JournalPath))!;
        journal[property] = value;
        File.WriteAllText(device.JournalPath, journal.ToJsonString());
    }

    /// <summary>With no retry left, an interrupted step fails the run; it never runs again under the work item it started as.</summary>
    private async Task AssertInterruptedStepNotRunAgainAsync(DeviceUnderTest device, string deploymentId, string ran)
    {
        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Failed", device.Output);
        run.History.Select(h => (h.Name, h.Outcome, h.Attempt)).ShouldBe([("Long", "Failed", 1)], device.Output);
        File.ReadAllLines(ran).ShouldBe(["first"]);
        File.Exists(device.JournalPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_goes_on_when_the_server_is_killed_and_started_again_mid_step()
    {
        using var device = new DeviceUnderTest(server);
        var started = Path.Combine(device.Files, "started");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CRASH003", "name": "Server crash", "nodes": [
              {"kind": "step", "name": "Slow", "type": "RunShellScript", "settings": {"Script": "touch {{{started}}}\nsleep 3"}},
              {"kind": "step", "name": "Next", "type": "RunShellScript", "settings": {"Script": "touch {{{device.Files}}}/next"}}
            ]}
            """);

        using var agent = device.Start();
        await AgentRunTests.Until(() => File.Exists(started), device);
        await server.RestartAsync();

        (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Select(h => h.Name).ShouldBe(["Slow", "Next"]);
        File.Exists(Path.Combine(device.Files, "next")).ShouldBeTrue();
    }
}
