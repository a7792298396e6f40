using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TsOrchestrator.Agent.Tests.EndToEnd;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>
/// What one node commits reaches the other node's live paths through PostgreSQL LISTEN/NOTIFY: run monitors, held
/// fast-channel polls, remembered device keys. Agents check in every 300 s and remember a key for 30 s, longer than any
/// wait here: that the change shows on the other node at all proves it came over the site channel (no test measures time).
/// </summary>
public sealed class SiteBusTests(TwoNodeSite site) : IClassFixture<TwoNodeSite>
{
    private const int Interval = 300;
    private const string NoPostgres = "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL";

    [SkippableFact]
    public async Task Run_monitor_on_node_2_sees_every_result_a_real_agent_posts_to_node_1_until_the_run_succeeds()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(site.Node1);
        var started = Path.Combine(device.Files, "started");
        var go = Path.Combine(device.Files, "go");
        var logged = Path.Combine(device.Files, "logged");
        // The step's log line is larger than a NOTIFY payload: it crosses over as a reference node 2 reads from the store.
        var deploymentId = await Site.DeployAsync(site.Node1, device, $$$"""
            {"formatVersion": 1, "id": "SITE0001", "name": "Watched on node 2", "nodes": [
              {"kind": "step", "name": "Waits", "type": "RunShellScript", "settings": {"Script": "touch {{{started}}}\nwhile [ ! -f {{{go}}} ]; do sleep 0.1; done\nhead -c 20000 /dev/zero | tr '\\0' x\necho\nwhile [ ! -f {{{logged}}} ]; do sleep 0.1; done"}},
              {"kind": "step", "name": "After", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);
        using var agent = device.StartService(Interval);
        try
        {
            await AgentRunTests.Until(() => File.Exists(started), device);
            var runId = (await Site.OnlyRunAsync(site.Node1, deploymentId)).Summary.Id;
            using var monitor = AdminClient(site.Node2);
            using var response = await monitor.GetAsync($"/api/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var events = new List<RunEventMessage> { await NextEventAsync(reader) };

            await File.WriteAllTextAsync(go, "now");
            while (events[^1].Log is null)
            {
                events.Add(await NextEventAsync(reader));
            }

            await File.WriteAllTextAsync(logged, "seen");
            while (events[^1].Status == "Running")
            {
                events.Add(await NextEventAsync(reader));
            }

            events[0].Status.ShouldBe("Running", device.Output);
            events[^1].Status.ShouldBe("Succeeded", device.Output);
            events.Skip(1).SelectMany(e => e.Records).Select(r => r.Name).ShouldBe(["Waits", "After"]);
            events.Select(e => e.Log?.Text).OfType<string>().ShouldContain(text => text.Contains(new string('x', 20000), StringComparison.Ordinal));
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [SkippableFact]
    public async Task Agent_holding_its_fast_channel_on_node_2_starts_a_deployment_created_through_node_1_without_waiting_for_its_interval()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(site.Node2);
        var ran = Path.Combine(device.Files, "ran");
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        var admin = SiteAdmin.For(site.Node1);
        var collection = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = $"Node 2 {Guid.NewGuid():N}"[..20] });
        await admin.AddCollectionMemberAsync(collection.Id, device.DeviceId);
        using var agent = device.StartService(Interval);
        try
        {
            await AgentRunTests.Until(() => device.Output.Contains("fast channel: listening", StringComparison.Ordinal), device);

            var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest
            {
                Sequence = NativeFormat.Deserialize($$$"""
                    {"formatVersion": 1, "id": "SITE0002", "name": "Pushed through node 1", "nodes": [
                      {"kind": "step", "name": "Mark", "type": "RunShellScript", "settings": {"Script": "touch {{{ran}}}"}}
                    ]}
                    """),
            });
            var deployment = await admin.CreateDeploymentAsync(new CreateDeploymentRequest
            {
                SequenceId = sequence.Summary.Id, CollectionId = collection.Id, Purpose = "Required", Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true,
            });

            await AgentRunTests.Until(() => File.Exists(ran), device);
            await AgentRunTests.Until(() => device.Output.Contains("ended: Succeeded", StringComparison.Ordinal), device);
            (await Site.OnlyRunAsync(site.Node1, deployment.Id)).Summary.Status.ShouldBe("Succeeded", device.Output);
            device.Output.ShouldContain("the server says check in now: DeploymentChanged");
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [SkippableFact]
    public async Task Device_blocked_through_node_1_is_refused_by_node_2_that_remembered_its_key()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(site.Node2);
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        using var agent = DeviceClient(site.Node2, device);
        (await agent.GetAsync("/agent/v1/notifications?wait=0")).StatusCode.ShouldBe(HttpStatusCode.OK, "node 2 now remembers the key");

        await SiteAdmin.For(site.Node1).BlockDeviceAsync(device.DeviceId);

        // The forget travels after the block's commit: node 2 may answer one call or two before it lands, never 30 s of them.
        HttpStatusCode refused = HttpStatusCode.OK;
        for (var call = 0; call < 100 && refused == HttpStatusCode.OK; call++)
        {
            refused = (await agent.GetAsync("/agent/v1/notifications?wait=0")).StatusCode;
            if (refused == HttpStatusCode.OK)
            {
                await Task.Delay(50);
            }
        }

        refused.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static HttpClient AdminClient(ServerProcess node)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Key);
        return client;
    }

    private static HttpClient DeviceClient(ServerProcess node, DeviceUnderTest device)
    {
        var key = JsonDocument.Parse(File.ReadAllText(Path.Combine(device.StateDirectory, "device.json"))).RootElement.GetProperty("deviceKey").GetString();
        var client = new HttpClient { BaseAddress = new Uri(node.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<RunEventMessage> NextEventAsync(StreamReader reader)
    {
        // Bounded so that an event that never crosses over fails the test instead of hanging the run.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<RunEventMessage>(line["data: ".Length..], ContractJson.Options)!;
            }
        }

        throw new ShouldAssertException("the run's event stream on node 2 ended before the run did");
    }
}
