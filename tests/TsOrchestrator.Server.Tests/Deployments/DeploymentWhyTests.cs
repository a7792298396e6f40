using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Deployments;

/// <summary>
/// "Why isn't it running?" against the real server on a real SQLite store: each case asks the explainer, then checks the
/// device in and sees the check-in do exactly what the explainer said (offered, started or not), since both are one decision.
/// </summary>
public sealed class DeploymentWhyTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DeploymentWhyTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private sealed record Device(IAgentApi Agent, string Id, DeviceFacts Facts);

    private static DeviceFacts Facts(string name, string os = "linux", AgentCapabilities? capabilities = null) => new()
    {
        Hostname = name, Os = os, OsVersion = "12", Architecture = "x64", FreeDiskMb = 20000,
        Capabilities = capabilities ?? (os == "linux" ? Report(CapabilityProfiles.Linux) : null),
    };

    private static AgentCapabilities Report(CapabilityProfile profile) => new()
    {
        Platform = profile.Platform, Environment = AgentEnvironments.Name(profile.Environment),
        StepTypes = [.. profile.StepTypes], ConditionKinds = [.. profile.ConditionKinds],
    };

    private async Task<Device> RegisterAsync(string name, string os = "linux")
    {
        var facts = Facts(name, os);
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        return new Device(_server.Agent(registration.DeviceKey), registration.DeviceId, facts);
    }

    /// <summary>A sequence of the given steps (a harmless command line by default), saved with the given properties.</summary>
    private async Task<string> SequenceAsync(string name, Func<TaskSequence, TaskSequence>? change = null, params StepNode[] steps)
    {
        var created = await _admin.CreateAsync(name);
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        StepNode[] nodes = steps.Length > 0 ? steps
            : [new StepNode { Name = "Say hello", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } }];
        var sequence = created.Sequence with { Nodes = nodes };
        (await _admin.SaveAsync(change is null ? sequence : change(sequence), created.ETag)).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    private async Task<string> CollectionAsync(string name, params Device[] members)
    {
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = name }, Api.Json)).ReadAsync<CollectionInfo>();
        foreach (var member in members)
        {
            (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{member.Id}", null)).EnsureSuccessStatusCode();
        }

        return collection.Id;
    }

    private async Task<string> DeployAsync(CreateDeploymentRequest request) =>
        (await (await _admin.PostAsJsonAsync("/api/v1/deployments", request, Api.Json)).ReadAsync<DeploymentInfo>()).Id;

    private Task<string> RequiredAsync(string sequenceId, string collectionId, bool outsideWindows = true) =>
        DeployAsync(new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collectionId, Purpose = "Required", AllowOutsideMaintenanceWindow = outsideWindows });

    private async Task<DeviceDeploymentWhy> WhyAsync(string deploymentId, Device device) =>
        await (await _admin.GetAsync($"/api/v1/deployments/{deploymentId}/why?device={device.Id}")).ReadAsync<DeviceDeploymentWhy>();

    /// <summary>
    /// Asks why, then checks the device in: the check-in offers the deployment exactly when the explainer said it is
    /// offered and starts it exactly when the explainer said it starts.
    /// </summary>
    private async Task<DeviceDeploymentWhy> WhyThenCheckInAsync(string deploymentId, Device device)
    {
        var why = await WhyAsync(deploymentId, device);
        var before = await (await _admin.GetAsync($"/api/v1/runs?deploymentId={deploymentId}&deviceId={device.Id}")).ReadAsync<List<Contracts.Runs.RunSummary>>();
        var response = await device.Agent.CheckInAsync(new CheckInRequest { Facts = device.Facts });
        var after = await (await _admin.GetAsync($"/api/v1/runs?deploymentId={deploymentId}&deviceId={device.Id}")).ReadAsync<List<Contracts.Runs.RunSummary>>();

        response.Offers.Any(o => o.DeploymentId == deploymentId).ShouldBe(why.Offered, "offered");
        (after.Count > before.Count).ShouldBe(why.StartsAtNextCheckIn, "started");
        return why;
    }

    private static WhyNotReason Deciding(DeviceDeploymentWhy why, string code)
    {
        why.StartsAtNextCheckIn.ShouldBeFalse();
        why.Reasons.ShouldNotBeEmpty();
        var reason = why.Reasons[0];
        reason.Code.ShouldBe(code, string.Join("; ", why.Reasons.Select(r => $"{r.Code}: {r.Detail}")));
        return reason;
    }

    [Fact]
    public async Task Due_required_deployment_is_explained_as_starting_and_the_check_in_starts_it()
    {
        var device = await RegisterAsync("starts-1");
        var deployment = await RequiredAsync(await SequenceAsync("Starts"), await CollectionAsync("Starts", device));

        var why = await WhyThenCheckInAsync(deployment, device);

        why.StartsAtNextCheckIn.ShouldBeTrue();
        why.Reasons.ShouldBeEmpty();
        why.When.ShouldBe("at the device's next check-in");
    }

    [Fact]
    public async Task Deployment_not_yet_available_names_when_it_becomes_available_and_runs_then()
    {
        var device = await RegisterAsync("later-1");
        var available = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(6), TimeSpan.Zero);
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("Later"), CollectionId = await CollectionAsync("Later", device), Purpose = "Required",
            AvailableAt = available, AssignmentAt = available, AllowOutsideMaintenanceWindow = true,
        });

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.NotYetAvailable).Detail.ShouldContain(available.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        why.Offered.ShouldBeFalse();
        why.RunsAt.ShouldBe(available);
    }

    [Fact]
    public async Task Required_deployment_before_its_assignment_is_offered_and_says_when_it_is_required()
    {
        var device = await RegisterAsync("assign-1");
        var assignment = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(22), TimeSpan.Zero);
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("Assigned"), CollectionId = await CollectionAsync("Assigned", device), Purpose = "Required",
            AssignmentAt = assignment, AllowOutsideMaintenanceWindow = true,
        });

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.AssignmentNotReached);
        why.Offered.ShouldBeTrue();
        why.RunsAt.ShouldBe(assignment);
    }

    [Fact]
    public async Task Expired_deployment_is_explained_as_expired_and_never_runs()
    {
        var device = await RegisterAsync("expired-1");
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("Expired"), CollectionId = await CollectionAsync("Expired", device), Purpose = "Required",
            AvailableAt = DateTimeOffset.UtcNow.AddHours(-3), ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1), AllowOutsideMaintenanceWindow = true,
        });

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.Expired);
        why.RunsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Device_outside_the_collection_is_explained_as_not_a_member()
    {
        var member = await RegisterAsync("member-1");
        var outsider = await RegisterAsync("outsider-1");
        var deployment = await RequiredAsync(await SequenceAsync("Members only"), await CollectionAsync("Members", member));

        var why = await WhyThenCheckInAsync(deployment, outsider);

        Deciding(why, WhyNotCodes.NotInCollection).Detail.ShouldContain(outsider.Id);
    }

    [Fact]
    public async Task Disabled_sequence_is_explained_as_disabled()
    {
        var device = await RegisterAsync("disabled-1");
        var sequence = await SequenceAsync("Switched off");
        var deployment = await RequiredAsync(sequence, await CollectionAsync("Disabled", device));
        (await _admin.PostAsync($"/api/v1/task-sequences/{sequence}/disable", null)).EnsureSuccessStatusCode();

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.SequenceDisabled).Detail.ShouldContain(sequence);
        why.Offered.ShouldBeFalse();
    }

    [Fact]
    public async Task Sequence_for_another_platform_names_the_platforms_and_the_device()
    {
        var device = await RegisterAsync("platform-1");
        var sequence = await SequenceAsync("Windows only", s => s with
        {
            Advanced = s.Advanced with { RunOnAnyPlatform = false, Platforms = [new SupportedPlatform { Os = "windows", Architecture = "x64" }] },
        });
        var deployment = await RequiredAsync(sequence, await CollectionAsync("Platform", device));

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.Platform).Detail.ShouldBe("the sequence runs only on windows x64; the device is linux 12 x64");
    }

    [Fact]
    public async Task Media_and_pxe_only_deployment_is_explained_to_a_device_in_its_full_os()
    {
        var device = await RegisterAsync("fullos-1");
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("PXE only"), CollectionId = await CollectionAsync("PXE", device), Purpose = "Required",
            AvailableTo = "MediaAndPxeOnly", AllowOutsideMaintenanceWindow = true,
        });

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.NotAvailableToEnvironment);
    }

    [Fact]
    public async Task Step_the_device_cannot_run_is_named_with_its_path()
    {
        var device = await RegisterAsync("windows-1", os: "windows");
        var sequence = await SequenceAsync("Shell", null,
            new StepNode { Name = "Probe", Type = StepTypeIds.RunShellScript, Settings = new Dictionary<string, string> { ["Script"] = "true" } });
        var deployment = await RequiredAsync(sequence, await CollectionAsync("Capability", device));

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.Capability).Detail.ShouldBe("this device cannot run: Run Shell Script (step 0) on windows full-os");
        why.Offered.ShouldBeTrue();
        why.RunsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Maintenance_windows_all_shorter_than_the_maximum_run_time_are_explained_with_both_figures()
    {
        var device = await RegisterAsync("window-short-1");
        var collection = await CollectionAsync("Short windows", device);
        await WindowAsync(collection, DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(4), 60);
        var deployment = await RequiredAsync(await SequenceAsync("Two hours", s => s with { Advanced = s.Advanced with { MaximumRunTimeMinutes = 120 } }), collection, outsideWindows: false);

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.OutsideMaintenanceWindow).Detail.ShouldBe("no window is long enough: max run time 120 min > longest window 60 min");
        why.RunsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Outside_every_window_names_the_next_window_that_fits_and_runs_then()
    {
        var device = await RegisterAsync("window-next-1");
        var collection = await CollectionAsync("Nightly", device);
        var tomorrow = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(2), TimeSpan.Zero);
        // The first one is too short for the sequence; the one after fits.
        await WindowAsync(collection, tomorrow, 30);
        await WindowAsync(collection, tomorrow.AddHours(3), 180);
        var deployment = await RequiredAsync(await SequenceAsync("Ninety minutes", s => s with { Advanced = s.Advanced with { MaximumRunTimeMinutes = 90 } }), collection, outsideWindows: false);

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.OutsideMaintenanceWindow).Detail.ShouldEndWith($"the next that fits opens at {tomorrow.AddHours(3):yyyy-MM-dd HH:mm} UTC");
        why.RunsAt.ShouldBe(tomorrow.AddHours(3));
    }

    [Fact]
    public async Task Cancelled_run_with_never_rerun_is_explained_by_the_rerun_behaviour()
    {
        var device = await RegisterAsync("rerun-1");
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("Once"), CollectionId = await CollectionAsync("Once", device), Purpose = "Required",
            Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true,
        });
        var run = (await device.Agent.CheckInAsync(new CheckInRequest { Facts = device.Facts })).ActiveRunId.ShouldNotBeNull();
        (await _admin.PostAsync($"/api/v1/runs/{run}/cancel", null)).EnsureSuccessStatusCode();

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.RerunBehavior).Detail.ShouldContain($"last run {run} Cancelled");
        why.Offered.ShouldBeTrue();
        why.RunsAt.ShouldBeNull();
    }

    [Fact]
    public async Task Second_required_deployment_waits_for_the_active_run_of_the_first()
    {
        var device = await RegisterAsync("busy-1");
        var collection = await CollectionAsync("Busy", device);
        var first = await RequiredAsync(await SequenceAsync("First"), collection);
        var second = await RequiredAsync(await SequenceAsync("Second"), collection);
        var run = (await device.Agent.CheckInAsync(new CheckInRequest { Facts = device.Facts })).ActiveRunId.ShouldNotBeNull();

        var why = await WhyThenCheckInAsync(second, device);

        Deciding(why, WhyNotCodes.AnotherRunActive).Detail.ShouldContain($"run {run} of deployment '{first}'");
        Deciding(await WhyAsync(first, device), WhyNotCodes.Running);
        why.When.ShouldBe("not while the active run lasts");
    }

    [Fact]
    public async Task Available_deployment_is_offered_and_explained_as_waiting_for_someone_to_start_it()
    {
        var device = await RegisterAsync("available-1");
        var deployment = await DeployAsync(new CreateDeploymentRequest
        {
            SequenceId = await SequenceAsync("Optional"), CollectionId = await CollectionAsync("Optional", device), Purpose = "Available",
        });

        var why = await WhyThenCheckInAsync(deployment, device);

        Deciding(why, WhyNotCodes.AvailableOnly);
        why.Offered.ShouldBeTrue();
    }

    [Fact]
    public async Task Device_in_a_later_batch_of_a_gradual_phase_is_told_when_its_batch_begins()
    {
        var (deploymentId, _, devices) = await PhasedAsync("Gradual");
        // Batches are the phase's devices by id: the second is in batch 2, available a day after the phase began.
        var later = devices.OrderBy(d => d.Id, StringComparer.Ordinal).Last();

        var why = await WhyThenCheckInAsync(deploymentId, later);

        Deciding(why, WhyNotCodes.PhasedBatchNotReached).Detail.ShouldStartWith("the device is in batch 2 of phase 1, available from ");
        why.RunsAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(23));
    }

    [Fact]
    public async Task Suspended_phased_deployment_is_explained_as_disabled()
    {
        var (deploymentId, phasedId, devices) = await PhasedAsync("Suspended");
        (await _admin.PostAsync($"/api/v1/phased-deployments/{phasedId}/suspend", null)).EnsureSuccessStatusCode();
        var first = devices.OrderBy(d => d.Id, StringComparer.Ordinal).First();

        var why = await WhyThenCheckInAsync(deploymentId, first);

        Deciding(why, WhyNotCodes.DeploymentDisabled).Detail.ShouldBe($"phase 1 of phased deployment '{phasedId}' is suspended (its deployment is disabled)");
        why.RunsAt.ShouldBeNull();
    }

    /// <summary>A phased deployment whose first phase, required at once, rolls out to two devices over two days.</summary>
    private async Task<(string DeploymentId, string PhasedId, Device[] Devices)> PhasedAsync(string name)
    {
        Device[] devices = [await RegisterAsync($"{name}-a"), await RegisterAsync($"{name}-b")];
        var pilot = await CollectionAsync($"{name} pilot", devices);
        var broad = await CollectionAsync($"{name} broad");
        var created = await (await _admin.PostAsJsonAsync("/api/v1/phased-deployments", new Contracts.PhasedDeployments.CreatePhasedDeploymentRequest
        {
            Name = name, SequenceId = await SequenceAsync(name),
            Phases =
            [
                new Contracts.PhasedDeployments.PhaseSettings { CollectionId = pilot, Purpose = "Required", GradualDays = 2, DeadlineDays = 0 },
                new Contracts.PhasedDeployments.PhaseSettings { CollectionId = broad, Purpose = "Required" },
            ],
        }, Api.Json)).ReadAsync<Contracts.PhasedDeployments.PhasedDeploymentInfo>();
        return (created.Phases[0].DeploymentId.ShouldNotBeNull(), created.Id, devices);
    }

    [Fact]
    public async Task Whole_deployment_counts_its_devices_per_deciding_reason()
    {
        var linux = await RegisterAsync("count-linux-1");
        var linux2 = await RegisterAsync("count-linux-2");
        var windows = await RegisterAsync("count-windows-1", os: "windows");
        var sequence = await SequenceAsync("Counted", null,
            new StepNode { Name = "Probe", Type = StepTypeIds.RunShellScript, Settings = new Dictionary<string, string> { ["Script"] = "true" } });
        var deployment = await RequiredAsync(sequence, await CollectionAsync("Counted", linux, linux2, windows));
        (await linux.Agent.CheckInAsync(new CheckInRequest { Facts = linux.Facts })).ActiveRunId.ShouldNotBeNull();

        var summary = await (await _admin.GetAsync($"/api/v1/deployments/{deployment}/why")).ReadAsync<DeploymentWhySummary>();

        summary.Targeted.ShouldBe(3);
        summary.Reasons.Select(r => (r.Code, r.Devices)).ShouldBe(
            [(WhyNotCodes.Capability, 1), (WhyNotCodes.Running, 1), (WhyNotCodes.StartsAtNextCheckIn, 1)], ignoreOrder: true);
        summary.Reasons.Single(r => r.Code == WhyNotCodes.Capability).DeviceIds.ShouldBe([windows.Id]);
        summary.Reasons.Single(r => r.Code == WhyNotCodes.StartsAtNextCheckIn).DeviceIds.ShouldBe([linux2.Id]);
    }

    [Fact]
    public async Task Unknown_device_is_a_problem_naming_the_device_field()
    {
        var device = await RegisterAsync("known-1");
        var deployment = await RequiredAsync(await SequenceAsync("Known"), await CollectionAsync("Known", device));

        var problem = await (await _admin.GetAsync($"/api/v1/deployments/{deployment}/why?device=DEVNOPE")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.ErrorFields().ShouldBe(["device"]);
    }

    private async Task WindowAsync(string collectionId, DateTimeOffset start, int minutes) =>
        (await _admin.PostAsJsonAsync($"/api/v1/collections/{collectionId}/maintenance-windows",
            new CreateMaintenanceWindowRequest { Name = $"Window {start:HHmm}", Start = start, DurationMinutes = minutes, Recurrence = "Daily" }, Api.Json))
        .EnsureSuccessStatusCode();
}
