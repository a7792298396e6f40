using System.Diagnostics;
using System.Text.Json;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// A server that stalls (SIGSTOP) or dies (SIGKILL) while steps run, and an agent killed as a step finishes: no step
/// result is lost and no completed step runs again. Each step appends a line to a file, so the file counts its runs.
/// </summary>
public sealed class ServerFaultTests(ServerProcess server, ITestOutputHelper output) : IClassFixture<ServerProcess>
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Step_finishing_while_the_server_is_frozen_is_reported_once_the_server_thaws()
    {
        using var device = new DeviceUnderTest(server);
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(server, device, Sequence("FAULT001", ran, 2));

        using var agent = device.Start();
        await AgentRunTests.Until(() => Started(device, 1), device);
        var frozen = Stopwatch.StartNew();
        server.Freeze();
        try
        {
            // The 2-second step ends well inside the stall, with log lines still to send: its end must be durable at once.
            await JournalShowsAsync(device, "Finished", Freeze);
            output.WriteLine($"journal showed the step finished {frozen.Elapsed.TotalSeconds:0.0} s into the stall");
            await Task.WhenAny(agent.WaitForExitAsync(), Task.Delay(Freeze > frozen.Elapsed ? Freeze - frozen.Elapsed : TimeSpan.Zero));
        }
        finally
        {
            server.Thaw();
        }

        (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
        await AssertEachStepRanOnceAsync(device, deploymentId, ran, 2);
    }

    [Fact]
    public async Task Steps_results_survive_the_server_killed_during_steps_and_started_again()
    {
        using var device = new DeviceUnderTest(server);
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(server, device, Sequence("FAULT002", ran, 3));

        using var agent = device.Start();
        try
        {
            // Down through the end of step 1: its result waits in the journal until the server is back.
            await AgentRunTests.Until(() => Started(device, 1), device);
            await server.KillAsync();
            await JournalShowsAsync(device, "Finished", TimeSpan.FromSeconds(30));
            await server.StartAsync();

            // Killed and back at once in the middle of step 2.
            await AgentRunTests.Until(() => Started(device, 2), device);
            await server.RestartAsync();
        }
        finally
        {
            if (server.ProcessId is null)
            {
                await server.StartAsync();
            }
        }

        (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
        await AssertEachStepRanOnceAsync(device, deploymentId, ran, 3);
    }

    [Fact]
    public async Task Agent_killed_right_after_a_step_finished_sends_its_result_on_the_next_start_without_running_it_again()
    {
        using var device = new DeviceUnderTest(server);
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(server, device, Sequence("FAULT003", ran, 2));

        using (var agent = device.Start())
        {
            await AgentRunTests.Until(() => Started(device, 1), device);
            // A stalled server holds the result on the device, so the kill lands between the step's end and its report.
            server.Freeze();
            try
            {
                await JournalShowsAsync(device, "Finished", Freeze);
                await DeviceUnderTest.KillAsync(agent);
            }
            finally
            {
                server.Thaw();
            }
        }

        await device.RunUntilIdleAsync();

        await AssertEachStepRanOnceAsync(device, deploymentId, ran, 2);
        device.Output.ShouldContain("was Finished");
    }

    /// <summary>Steps that each mark their start, take 2 seconds with log lines before and after, and append their number to <paramref name="ran"/>.</summary>
    private static string Sequence(string id, string ran, int steps)
    {
        var nodes = Enumerable.Range(1, steps).Select(i =>
            $$$"""{"kind": "step", "name": "Step {{{i}}}", "retryOnUnexpectedRestart": 0, "type": "RunShellScript", "settings": {"Script": "echo step {{{i}}} starts\ntouch {{{ran}}}.started-{{{i}}}\nsleep 2\necho {{{i}}} >> {{{ran}}}\necho step {{{i}}} done"}}""");
        return $$"""{"formatVersion": 1, "id": "{{id}}", "name": "Faults {{id}}", "nodes": [{{string.Join(",\n", nodes)}}]}""";
    }

    private static bool Started(DeviceUnderTest device, int step) => File.Exists(Path.Combine(device.Files, $"ran.started-{step}"));

    private async Task AssertEachStepRanOnceAsync(DeviceUnderTest device, string deploymentId, string ran, int steps)
    {
        RunDetails run = await Site.OnlyRunAsync(server, deploymentId);
        output.WriteLine(string.Join(", ", run.History.Select(h => $"{h.Name}: {h.Outcome} (attempt {h.Attempt})")));
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Select(h => (h.Name, h.Outcome, h.Attempt)).ShouldBe(Enumerable.Range(1, steps).Select(i => ($"Step {i}", "Succeeded", 1)));
        File.ReadAllLines(ran).ShouldBe(Enumerable.Range(1, steps).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.Exists(device.JournalPath).ShouldBeFalse();
    }

    /// <summary>Waits, bounded, until the agent's journal is in <paramref name="state"/>.</summary>
    private static async Task JournalShowsAsync(DeviceUnderTest device, string state, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < within)
        {
            try
            {
                if (device.JournalRecord() is { } record && record.State == state)
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // Caught between the agent's write and rename: look again.
            }

            await Task.Delay(20);
        }

        throw new ShouldAssertException($"the journal did not show {state} within {within.TotalSeconds:0} s; agent output:\n{device.Output}");
    }
}
