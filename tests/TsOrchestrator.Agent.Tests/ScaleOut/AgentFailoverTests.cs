using System.Globalization;
using TsOrchestrator.Agent.Tests.EndToEnd;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>
/// Agents of a two-node site: node 1 killed mid-run, the agent goes on through node 2 without running a step twice; a
/// device registered through one node keeps its identity when started with the other node's URL only.
/// </summary>
public sealed class AgentFailoverTests(TwoNodeSite site, ITestOutputHelper output) : IClassFixture<TwoNodeSite>
{
    private const string NoPostgres = "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL";

    [SkippableFact]
    public async Task Node_killed_after_the_first_step_s_result_the_run_finishes_through_the_other_node_and_no_step_runs_twice()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(() => site.Node1.Url, BothLogs) { ExtraServers = [site.Node2.Url] };
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(site.Node1, device, Sequence("FAILOVER1", ran, 3));

        using var agent = device.Start();
        try
        {
            // Step 2 has started, so node 1 took step 1's result and handed out step 2: it dies while step 2 runs.
            await AgentRunTests.Until(() => File.Exists($"{ran}.started-2"), device);
            await site.Node1.KillAsync();

            (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
        }
        finally
        {
            if (site.Node1.ProcessId is null)
            {
                await site.Node1.StartAsync();
            }
        }

        var run = await Site.OnlyRunAsync(site.Node2, deploymentId);
        output.WriteLine(string.Join(", ", run.History.Select(h => $"{h.Name}: {h.Outcome} (attempt {h.Attempt})")));
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Select(h => (h.Name, h.Outcome, h.Attempt)).ShouldBe(Enumerable.Range(1, 3).Select(i => ($"Step {i}", "Succeeded", 1)));
        File.ReadAllLines(ran).ShouldBe(Enumerable.Range(1, 3).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        device.Output.Split('\n').Count(l => l.Contains($"server {new Uri(site.Node1.Url)} unreachable", StringComparison.Ordinal)
            && l.Contains($"using {new Uri(site.Node2.Url)}", StringComparison.Ordinal)).ShouldBe(1, device.Output);
    }

    [SkippableFact]
    public async Task Device_registered_through_one_node_keeps_its_identity_when_started_with_the_other_node_only()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(() => site.Node1.Url, BothLogs);
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        var registered = device.DeviceId;
        var devices = (await SiteAdmin.For(site.Node2).ListDevicesAsync()).Count;

        using (var second = device.Start(site.Node2.Url))
        {
            (await device.WaitAsync(second)).ShouldBe(0, device.Output);
        }

        device.DeviceId.ShouldBe(registered);
        (await SiteAdmin.For(site.Node2).ListDevicesAsync()).Count.ShouldBe(devices, device.Output);
        device.Output.ShouldContain($"device {registered}, registered through {new Uri(site.Node1.Url)}: {new Uri(site.Node2.Url)} is of the same site, keeping the identity");
    }

    private string BothLogs() => $"node 1:\n{site.Node1.Log}\nnode 2:\n{site.Node2.Log}";

    /// <summary>Steps that each mark their start, take 2 seconds, and append their number to <paramref name="ran"/>.</summary>
    private static string Sequence(string id, string ran, int steps)
    {
        var nodes = Enumerable.Range(1, steps).Select(i =>
            $$$"""{"kind": "step", "name": "Step {{{i}}}", "retryOnUnexpectedRestart": 0, "type": "RunShellScript", "settings": {"Script": "touch {{{ran}}}.started-{{{i}}}\nsleep 2\necho {{{i}}} >> {{{ran}}}"}}""");
        return $$"""{"formatVersion": 1, "id": "{{id}}", "name": "Failover {{id}}", "nodes": [{{string.Join(",\n", nodes)}}]}""";
    }
}
