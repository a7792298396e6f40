using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Deployments;

/// <summary><c>GET /api/v1/deployments/status</c>: each targeted device counted once, by its latest run of the deployment.</summary>
public sealed class DeploymentStatusTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DeploymentStatusTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static DeviceFacts Facts(string name, string os) => new() { Hostname = name, Os = os, OsVersion = "10.0", Architecture = "x64", FreeDiskMb = 20000 };

    private async Task<(IAgentApi Agent, string DeviceId)> RegisterAsync(string name, string os)
    {
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts(name, os) });
        return (_server.Agent(registration.DeviceKey), registration.DeviceId);
    }

    [Fact]
    public async Task Rule_matches_and_direct_members_are_targeted_and_a_device_counts_by_its_latest_run()
    {
        var created = await _admin.CreateAsync("Counted");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with
        {
            Nodes = [new StepNode { Name = "Only", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } }],
        }, created.ETag)).EnsureSuccessStatusCode();
        var (linux1, _) = await RegisterAsync("linux-1", "linux");
        _ = await RegisterAsync("linux-2", "linux");
        var (_, windowsId) = await RegisterAsync("windows-1", "windows");
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections",
            new CreateCollectionRequest { Name = "Linux and one more", Rule = new MembershipRule { Os = "linux" } }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{windowsId}", null)).EnsureSuccessStatusCode();
        var deployment = await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Available" }, Api.Json)).ReadAsync<DeploymentInfo>();

        // linux-1 fails, then runs again and is still running: it counts once, in progress.
        var first = (await linux1.StartDeploymentAsync(deployment.Id)).RunId;
        var item = (await linux1.GetRunAsync(first)).WorkItem!;
        (await linux1.PostResultAsync(first, item.Id, new WorkItemResult { ExitCode = 1 })).Status.ShouldBe("Failed");
        _ = await linux1.StartDeploymentAsync(deployment.Id);

        var status = (await (await _admin.GetAsync($"/api/v1/deployments/status?sequenceId={created.Summary.Id}")).ReadAsync<List<DeploymentStatusInfo>>()).ShouldHaveSingleItem();
        status.DeploymentId.ShouldBe(deployment.Id);
        status.Targeted.ShouldBe(3);
        status.InProgress.ShouldBe(1);
        status.Failed.ShouldBe(0);
        status.Succeeded.ShouldBe(0);
        status.NotStarted.ShouldBe(2);
    }
}
