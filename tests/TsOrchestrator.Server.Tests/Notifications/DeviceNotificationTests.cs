using System.Net.Http.Headers;
using System.Net.Http.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Notifications;

/// <summary>
/// The fast channel through the agent API: which saved changes tell which devices to check in now. A poll held for
/// 30 s is answered by the notification; one of 0 s says what is pending without waiting.
/// </summary>
public sealed class DeviceNotificationTests : IDisposable
{
    private static readonly DeviceFacts LinuxFacts = new() { Hostname = "lab-01", Os = "linux", OsVersion = "12", Architecture = "x64", FreeDiskMb = 20000 };
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DeviceNotificationTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Deployment_created_tells_the_devices_of_its_collection_and_no_other()
    {
        var targeted = await RegisterAsync();
        var other = await RegisterAsync();
        var sequenceId = await CommandSequenceAsync();
        var collectionId = await CollectionAsync(targeted.DeviceId);

        await DeployAsync(sequenceId, collectionId);

        (await targeted.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
        // The targeted device heard it, so every device of that change was told: the other has nothing pending.
        (await other.Channel.WaitForNotificationAsync(0)).Reasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deployment_to_a_rule_collection_tells_the_devices_the_rule_matches()
    {
        var matching = await RegisterAsync(LinuxFacts with { Hostname = "kiosk-7" });
        var sequenceId = await CommandSequenceAsync();
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections",
            new CreateCollectionRequest { Name = "Kiosks " + Guid.NewGuid().ToString("N")[..6], Rule = new MembershipRule { NamePattern = "kiosk-*" } }, Api.Json)).ReadAsync<CollectionInfo>();

        await DeployAsync(sequenceId, collection.Id);

        (await matching.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
    }

    [Fact]
    public async Task Sequence_enabled_again_tells_the_devices_of_its_deployments()
    {
        var device = await RegisterAsync();
        var sequenceId = await CommandSequenceAsync();
        await DeployAsync(sequenceId, await CollectionAsync(device.DeviceId));
        (await device.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
        (await _admin.PostAsync($"/api/v1/task-sequences/{sequenceId}/disable", null)).EnsureSuccessStatusCode();
        (await device.Channel.WaitForNotificationAsync(0)).Reasons.ShouldBeEmpty("disabling gives a device nothing to do");

        (await _admin.PostAsync($"/api/v1/task-sequences/{sequenceId}/enable", null)).EnsureSuccessStatusCode();

        (await device.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.SequenceEnabled]);
    }

    [Fact]
    public async Task Content_becoming_available_tells_the_devices_whose_deployed_sequence_needs_it()
    {
        var device = await RegisterAsync();
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));
        var sequenceId = await _admin.CreateSequenceAsync(null, tools.Id);
        await DeployAsync(sequenceId, await CollectionAsync(device.DeviceId));
        (await device.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);

        (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json)).EnsureSuccessStatusCode();

        (await device.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.ContentAvailable]);
    }

    [Fact]
    public async Task Operator_cancel_and_resume_tell_the_runs_device_which_run_changed()
    {
        var device = await RegisterAsync();
        var sequenceId = await CommandSequenceAsync();
        var deploymentId = await DeployAsync(sequenceId, await CollectionAsync(device.DeviceId), "Available");
        (await device.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
        var runId = (await device.Agent.StartDeploymentAsync(deploymentId)).RunId;
        (await device.Agent.GetRunAsync(runId)).WorkItem.ShouldNotBeNull();

        (await _admin.PostAsync($"/api/v1/runs/{runId}/cancel", null)).EnsureSuccessStatusCode();
        var cancelled = await device.Channel.WaitForNotificationAsync(0);
        (await _admin.PostAsJsonAsync($"/api/v1/runs/{runId}/resume", new ResumeRunRequest(), Api.Json)).EnsureSuccessStatusCode();
        var resumed = await device.Channel.WaitForNotificationAsync(0);

        cancelled.Reasons.ShouldBe([AgentNotificationReasons.RunCancelled]);
        cancelled.RunIds.ShouldBe([runId]);
        resumed.Reasons.ShouldBe([AgentNotificationReasons.RunResumed]);
        resumed.RunIds.ShouldBe([runId]);
    }

    [Fact]
    public async Task Notifications_need_the_devices_key()
    {
        var anonymous = RestService.For<IAgentChannelApi>(_server.CreateClient(), new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(Api.Json) });

        var refused = await Should.ThrowAsync<ApiException>(() => anonymous.WaitForNotificationAsync(0));

        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deployment_available_a_little_later_tells_its_devices_again_when_it_opens()
    {
        // Issue 16: the device heard of the deployment when it was created, found it not yet available, and then heard
        // nothing until its next interval check-in.
        var targeted = await RegisterAsync();
        var sequenceId = await CommandSequenceAsync();
        var collectionId = await CollectionAsync(targeted.DeviceId);

        (await _admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest
        {
            SequenceId = sequenceId, CollectionId = collectionId, Purpose = "Required", AllowOutsideMaintenanceWindow = true,
            AvailableAt = TimeProvider.System.GetUtcNow().AddSeconds(3),
        }, Api.Json)).EnsureSuccessStatusCode();

        (await targeted.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
        (await targeted.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentOpened]);
    }

    [Fact]
    public async Task Maintenance_window_opening_tells_the_devices_a_required_deployment_waits_for_and_no_other()
    {
        var waiting = await RegisterAsync();
        var bystander = await RegisterAsync();
        var sequenceId = await CommandSequenceAsync();
        var deployed = await CollectionAsync(waiting.DeviceId);
        var windowed = await CollectionAsync(waiting.DeviceId);
        (await _admin.PutAsync($"/api/v1/collections/{windowed}/members/{bystander.DeviceId}", null)).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest
        {
            SequenceId = sequenceId, CollectionId = deployed, Purpose = "Required", AllowOutsideMaintenanceWindow = false,
        }, Api.Json)).EnsureSuccessStatusCode();
        (await waiting.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);

        (await _admin.PostAsJsonAsync($"/api/v1/collections/{windowed}/maintenance-windows", new CreateMaintenanceWindowRequest
        {
            Name = "Tonight", Start = TimeProvider.System.GetUtcNow().AddSeconds(3), DurationMinutes = 60,
        }, Api.Json)).EnsureSuccessStatusCode();

        (await waiting.Channel.WaitForNotificationAsync(30)).Reasons.ShouldBe([AgentNotificationReasons.DeploymentOpened]);
        // The window's other device has no required deployment waiting for it: it was not told.
        (await bystander.Channel.WaitForNotificationAsync(0)).Reasons.ShouldBeEmpty();
    }

    private async Task<Device> RegisterAsync(DeviceFacts? facts = null)
    {
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken, Facts = (facts ?? LinuxFacts) with { Hostname = facts?.Hostname ?? "lab-" + Guid.NewGuid().ToString("N")[..6] },
        });
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registration.DeviceKey);
        var channel = RestService.For<IAgentChannelApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(Api.Json) });
        return new Device(registration.DeviceId, _server.Agent(registration.DeviceKey), channel);
    }

    private async Task<string> CommandSequenceAsync()
    {
        var created = await _admin.CreateAsync("Notified " + Guid.NewGuid().ToString("N")[..6]);
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        var step = new StepNode { Name = "Say hello", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "echo hello" } };
        (await _admin.SaveAsync(created.Sequence with { Nodes = [step] }, created.ETag)).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    private async Task<string> CollectionAsync(string deviceId)
    {
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab " + Guid.NewGuid().ToString("N")[..6] }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{deviceId}", null)).EnsureSuccessStatusCode();
        return collection.Id;
    }

    private async Task<string> DeployAsync(string sequenceId, string collectionId, string purpose = "Required") =>
        (await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collectionId, Purpose = purpose, AllowOutsideMaintenanceWindow = true }, Api.Json))
            .ReadAsync<DeploymentInfo>()).Id;

    private sealed record Device(string DeviceId, IAgentApi Agent, IAgentChannelApi Channel);
}
