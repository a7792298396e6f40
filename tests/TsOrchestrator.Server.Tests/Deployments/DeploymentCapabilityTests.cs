using System.Net;
using System.Net.Http.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Devices;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Deployments;

/// <summary>Devices' reported capabilities, stored in the SQLite store and used to refuse up front what an agent cannot run.</summary>
public sealed class DeploymentCapabilityTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DeploymentCapabilityTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static AgentCapabilities Report(CapabilityProfile profile) => new()
    {
        Platform = profile.Platform, Environment = AgentEnvironments.Name(profile.Environment),
        StepTypes = [.. profile.StepTypes], ConditionKinds = [.. profile.ConditionKinds],
    };

    private static DeviceFacts Facts(string name, string os, AgentCapabilities? capabilities) =>
        new() { Hostname = name, Os = os, OsVersion = "12", Architecture = "x64", FreeDiskMb = 20000, Capabilities = capabilities };

    private async Task<(IAgentApi Agent, string DeviceId)> RegisterAsync(DeviceFacts facts)
    {
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        return (_server.Agent(registration.DeviceKey), registration.DeviceId);
    }

    [Fact]
    public async Task Registration_and_check_in_store_the_reported_capabilities()
    {
        var (agent, deviceId) = await RegisterAsync(Facts("pxe-1", "linux", Report(CapabilityProfiles.LinuxBootImage)));

        var registered = await (await _admin.GetAsync($"/api/v1/devices/{deviceId}")).ReadAsync<DeviceInfo>();
        registered.Capabilities!.Environment.ShouldBe("boot-image");
        registered.Capabilities.StepTypes.ShouldNotContain(StepTypeIds.InstallPackage);

        await agent.CheckInAsync(new CheckInRequest { Facts = Facts("pxe-1", "linux", Report(CapabilityProfiles.Linux)) });

        var checkedIn = await (await _admin.GetAsync($"/api/v1/devices/{deviceId}")).ReadAsync<DeviceInfo>();
        checkedIn.Capabilities!.Environment.ShouldBe("full-os");
        checkedIn.Capabilities.StepTypes.ShouldBe(CapabilityProfiles.Linux.StepTypes, ignoreOrder: true);
    }

    [Fact]
    public async Task Capabilities_with_an_unknown_environment_are_refused_naming_the_field()
    {
        var bad = Report(CapabilityProfiles.Linux) with { Environment = "winpe" };

        var refused = await Should.ThrowAsync<ApiException>(() => _server.Agent().RegisterAsync(
            new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts("bad", "linux", bad) }));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content!.ShouldContain("facts.capabilities.environment");
    }

    [Fact]
    public async Task Required_deployment_is_not_started_where_a_step_cannot_run_and_the_status_says_why()
    {
        var created = await _admin.CreateAsync("Shell first");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with
        {
            Nodes =
            [
                new StepNode { Name = "Probe", Type = StepTypeIds.RunShellScript, Settings = new Dictionary<string, string> { ["Script"] = "true" } },
                new StepNode { Name = "Then", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } },
            ],
        }, created.ETag)).EnsureSuccessStatusCode();
        var (linux, linuxId) = await RegisterAsync(Facts("linux-1", "linux", Report(CapabilityProfiles.Linux)));
        // An agent older than capabilities reports none: it is judged by the profile of its OS.
        var (windows, windowsId) = await RegisterAsync(Facts("windows-1", "windows", capabilities: null));
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Mixed" }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{linuxId}", null)).EnsureSuccessStatusCode();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{windowsId}", null)).EnsureSuccessStatusCode();
        var deployment = await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required", AllowOutsideMaintenanceWindow = true },
            Api.Json)).ReadAsync<DeploymentInfo>();

        (await linux.CheckInAsync(new CheckInRequest { Facts = Facts("linux-1", "linux", Report(CapabilityProfiles.Linux)) })).ActiveRunId.ShouldNotBeNull();
        (await windows.CheckInAsync(new CheckInRequest { Facts = Facts("windows-1", "windows", capabilities: null) })).ActiveRunId.ShouldBeNull();
        var start = await Should.ThrowAsync<ApiException>(() => windows.StartDeploymentAsync(deployment.Id));
        start.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var status = (await (await _admin.GetAsync($"/api/v1/deployments/status?sequenceId={created.Summary.Id}")).ReadAsync<List<DeploymentStatusInfo>>()).ShouldHaveSingleItem();
        status.Targeted.ShouldBe(2);
        status.InProgress.ShouldBe(1);
        status.CannotRun.ShouldBe(1);
        var step = status.StepsNotRunnable.ShouldHaveSingleItem();
        (step.Path, step.StepName, step.StepType, step.Devices).ShouldBe(("0", "Probe", StepTypeIds.RunShellScript, 1));
        var device = status.Devices.ShouldHaveSingleItem();
        device.DeviceId.ShouldBe(windowsId);
        device.Status.ShouldBe("NotStarted");
        device.Reason.ShouldBe("cannot run: Run Shell Script (step 0) on windows full-os");
    }
}
