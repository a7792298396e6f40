using Microsoft.AspNetCore.Builder;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// The fast channel between the real server and the real agent process. Every agent here checks in every 300 s and
/// watches a running step's run every 300 s, and every test gives up long before: that the work happens at all proves
/// the server's "check in now" reached the device (no test measures time).
/// </summary>
public sealed class AgentFastChannelTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private const int Interval = 300;

    [Fact]
    public async Task Required_deployment_created_while_the_agent_is_idle_starts_without_waiting_for_the_check_in_interval()
    {
        using var device = new DeviceUnderTest(server);
        var ran = Path.Combine(device.Files, "ran");
        var collectionId = await RegisterInCollectionAsync(device);
        using var agent = device.StartService(Interval);
        try
        {
            // The channel opens after the agent's first check-in, which found nothing: the deployment comes after it.
            await AgentRunTests.Until(() => device.Output.Contains("fast channel: listening", StringComparison.Ordinal), device);

            var deploymentId = await DeployAsync(collectionId, $$$"""
                {"formatVersion": 1, "id": "FAST0001", "name": "Pushed", "nodes": [
                  {"kind": "step", "name": "Mark", "type": "RunShellScript", "settings": {"Script": "touch {{{ran}}}"}}
                ]}
                """);

            await AgentRunTests.Until(() => File.Exists(ran), device);
            await AgentRunTests.Until(() => device.Output.Contains("ended: Succeeded", StringComparison.Ordinal), device);
            (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
            device.Output.ShouldContain("the server says check in now: DeploymentChanged");
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [Fact]
    public async Task Required_deployment_available_a_little_later_starts_at_its_time_without_waiting_for_the_check_in_interval()
    {
        // Issue 16: a deployment whose available time was still to come reached the device only at its next check-in.
        using var device = new DeviceUnderTest(server);
        var ran = Path.Combine(device.Files, "ran");
        var collectionId = await RegisterInCollectionAsync(device);
        using var agent = device.StartService(Interval);
        try
        {
            await AgentRunTests.Until(() => device.Output.Contains("fast channel: listening", StringComparison.Ordinal), device);

            // The check-in its creation causes finds it not yet available; only the opening at its time can start it.
            var deploymentId = await DeployAsync(collectionId, $$$"""
                {"formatVersion": 1, "id": "FAST0005", "name": "Opens later", "nodes": [
                  {"kind": "step", "name": "Mark", "type": "RunShellScript", "settings": {"Script": "touch {{{ran}}}"}}
                ]}
                """, TimeProvider.System.GetUtcNow().AddSeconds(15));
            await AgentRunTests.Until(() => device.Output.Contains("the server says check in now: DeploymentChanged", StringComparison.Ordinal), device);
            File.Exists(ran).ShouldBeFalse("nothing is available yet");

            await AgentRunTests.Until(() => File.Exists(ran), device, seconds: 120);
            await AgentRunTests.Until(() => device.Output.Contains("ended: Succeeded", StringComparison.Ordinal), device);
            (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
            device.Output.ShouldContain("the server says check in now: DeploymentOpened");
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [Fact]
    public async Task Operator_cancel_reaches_the_running_step_without_waiting_for_the_run_watch_interval()
    {
        using var device = new DeviceUnderTest(server) { RunWatchSeconds = Interval.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var started = Path.Combine(device.Files, "started");
        var finished = Path.Combine(device.Files, "finished");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "FAST0002", "name": "Long step", "nodes": [
              {"kind": "step", "name": "Sleeps", "type": "RunShellScript", "settings": {"Script": "touch {{{started}}}\nsleep 120\ntouch {{{finished}}}"}}
            ]}
            """);
        using var agent = device.StartService(Interval);
        try
        {
            await AgentRunTests.Until(() => File.Exists(started), device);
            var runId = (await Site.OnlyRunAsync(server, deploymentId)).Summary.Id;

            await Site.Admin(server).CancelRunAsync(runId);

            await AgentRunTests.Until(() => device.Output.Contains($"run {runId} is Cancelled on the server: ending the running step", StringComparison.Ordinal), device);
            await AgentRunTests.Until(() => device.Output.Contains($"run {runId} ended: Cancelled", StringComparison.Ordinal), device);
            File.Exists(finished).ShouldBeFalse("the step was ended, not waited for");
            device.Output.ShouldContain("the server says check in now: RunCancelled");
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [Fact]
    public async Task Operator_resume_of_a_failed_run_is_picked_up_without_waiting_for_the_check_in_interval()
    {
        using var device = new DeviceUnderTest(server);
        var allowed = Path.Combine(device.Files, "allowed");
        var ran = Path.Combine(device.Files, "ran");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "FAST0003", "name": "Fails until allowed", "nodes": [
              {"kind": "step", "name": "Needs permission", "type": "RunShellScript", "settings": {"Script": "[ -f {{{allowed}}} ] || exit 3\ntouch {{{ran}}}"}}
            ]}
            """);
        using var agent = device.StartService(Interval);
        try
        {
            await AgentRunTests.Until(() => device.Output.Contains("ended: Failed", StringComparison.Ordinal), device);
            var runId = (await Site.OnlyRunAsync(server, deploymentId)).Summary.Id;
            // The agent checks in once more after a run ends; after that it is idle until its interval or the channel.
            await AgentRunTests.Until(() => device.Output.Contains("fast channel: listening", StringComparison.Ordinal), device);
            await File.WriteAllTextAsync(allowed, "yes");

            await Site.Admin(server).ResumeRunAsync(runId, new ResumeRunRequest());

            await AgentRunTests.Until(() => File.Exists(ran), device);
            await AgentRunTests.Until(() => device.Output.Contains("ended: Succeeded", StringComparison.Ordinal), device);
            var run = await Site.OnlyRunAsync(server, deploymentId);
            run.Summary.Status.ShouldBe("Succeeded", device.Output);
            run.History.Select(h => h.Outcome).ShouldBe(["Failed", "Succeeded"]);
            device.Output.ShouldContain("the server says check in now: RunResumed");
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    [Fact]
    public async Task Agent_of_a_server_without_the_fast_channel_checks_in_on_its_interval()
    {
        var checkIns = 0;
        await using var old = await MisbehavingServer.StartAsync(app => app.MapPost("/agent/v1/check-in", () =>
        {
            Interlocked.Increment(ref checkIns);
            return MisbehavingServer.Json("""{"offers": []}""");
        }));
        using var device = old.Device();
        using var agent = device.StartService(checkInSeconds: 1);
        try
        {
            await AgentRunTests.Until(() => Volatile.Read(ref checkIns) >= 4, device);

            device.Output.ShouldContain("the server has no fast channel (404 Not Found): checking in on the interval only");
            old.Requests.Count(r => r == "GET /agent/v1/notifications").ShouldBe(1, "a server without the channel is not asked again at every check-in");
            agent.HasExited.ShouldBeFalse(device.Output);
        }
        finally
        {
            await DeviceUnderTest.KillAsync(agent);
        }
    }

    /// <summary>Registers the device (its agent's first start, which finds nothing) into a collection of its own.</summary>
    private async Task<string> RegisterInCollectionAsync(DeviceUnderTest device)
    {
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        var admin = Site.Admin(server);
        var collection = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = $"Fast {Guid.NewGuid():N}"[..20] });
        await admin.AddCollectionMemberAsync(collection.Id, device.DeviceId);
        return collection.Id;
    }

    private async Task<string> DeployAsync(string collectionId, string nativeSequence, DateTimeOffset? availableAt = null)
    {
        var admin = Site.Admin(server);
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = NativeFormat.Deserialize(nativeSequence) });
        var deployment = await admin.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            SequenceId = sequence.Summary.Id, CollectionId = collectionId, Purpose = "Required", Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true, AvailableAt = availableAt,
        });
        return deployment.Id;
    }
}
