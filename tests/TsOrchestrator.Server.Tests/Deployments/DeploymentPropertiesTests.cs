using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Auditing;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Deployments;

/// <summary>
/// <c>GET</c> and <c>PUT /api/v1/deployments/{id}</c>: Configuration Manager's deployment Properties. A deployment's
/// schedule, purpose, rerun behaviour, user experience and availability change in place, against the version read.
/// </summary>
public sealed class DeploymentPropertiesTests : IDisposable
{
    private static readonly DateTimeOffset Available = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DeploymentPropertiesTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Available_deployment_made_required_is_kept_audited_and_started_at_the_next_check_in()
    {
        var facts = new DeviceFacts { Hostname = "edited-1", Os = "linux", OsVersion = "12", Architecture = "x64", FreeDiskMb = 20000 };
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        var agent = _server.Agent(registration.DeviceKey);
        var deployment = await DeployAsync(registration.DeviceId);
        (await agent.CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId.ShouldBeNull("an available deployment waits to be started");

        var read = await _admin.GetAsync($"/api/v1/deployments/{deployment.Id}");
        read.Headers.ETag!.Tag.ShouldBe($"\"{deployment.ConcurrencyVersion}\"");
        var saved = await PutAsync(deployment.Id, new UpdateDeploymentRequest
        {
            Purpose = "Required", AvailableAt = Available, Rerun = "RerunIfFailed", AllowOutsideMaintenanceWindow = true, AvailableTo = "Clients",
        }, read.Headers.ETag.Tag);

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var stored = await (await _admin.GetAsync($"/api/v1/deployments/{deployment.Id}")).ReadAsync<DeploymentInfo>();
        stored.ShouldSatisfyAllConditions(
            () => stored.Purpose.ShouldBe("Required"),
            () => stored.AvailableAt.ShouldBe(Available),
            () => stored.Rerun.ShouldBe("RerunIfFailed"),
            () => stored.AllowOutsideMaintenanceWindow.ShouldBeTrue(),
            () => stored.AvailableTo.ShouldBe("Clients"),
            () => stored.SequenceId.ShouldBe(deployment.SequenceId),
            () => stored.ConcurrencyVersion.ShouldBe(deployment.ConcurrencyVersion + 1));
        var audit = await (await _admin.GetAsync($"/api/v1/audit?objectType=Deployment&objectId={deployment.Id}")).ReadAsync<List<AuditEntry>>();
        audit.Select(a => a.Action).ShouldContain("update");
        (await agent.CheckInAsync(new CheckInRequest { Facts = facts })).ActiveRunId.ShouldNotBeNull("a required deployment due now starts");
    }

    [Fact]
    public async Task Saving_deployment_properties_without_the_version_read_is_refused_and_changes_nothing()
    {
        var deployment = await DeployAsync(deviceId: null);
        var required = new UpdateDeploymentRequest { Purpose = "Required" };

        var missing = await (await PutAsync(deployment.Id, required, etag: null)).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        missing.GetProperty("errors").TryGetProperty("If-Match", out _).ShouldBeTrue();
        var stale = await (await PutAsync(deployment.Id, required, $"\"{deployment.ConcurrencyVersion + 7}\"")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        stale.GetProperty("currentVersion").GetInt64().ShouldBe(deployment.ConcurrencyVersion);

        (await (await _admin.GetAsync($"/api/v1/deployments/{deployment.Id}")).ReadAsync<DeploymentInfo>()).ShouldBeEquivalentTo(deployment);
    }

    [Fact]
    public async Task Bad_deployment_property_is_refused_naming_the_field_and_changes_nothing()
    {
        var deployment = await DeployAsync(deviceId: null);
        var etag = $"\"{deployment.ConcurrencyVersion}\"";

        var expiry = await (await PutAsync(deployment.Id, new UpdateDeploymentRequest { AvailableAt = Available, ExpiresAt = Available.AddHours(-1) }, etag))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        expiry.GetProperty("errors").GetProperty("expiresAt")[0].GetString().ShouldBe("a deployment expires after it becomes available");
        var recurrence = await (await PutAsync(deployment.Id, new UpdateDeploymentRequest { Purpose = "Available", AssignmentRecurrence = "Daily" }, etag))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        recurrence.GetProperty("errors").TryGetProperty("assignmentRecurrence", out _).ShouldBeTrue();
        var availability = await (await PutAsync(deployment.Id, new UpdateDeploymentRequest { AvailableTo = "Everyone" }, etag)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        availability.GetProperty("errors").GetProperty("availableTo")[0].GetString()!.ShouldContain("MediaAndPxeOnly");

        (await (await _admin.GetAsync($"/api/v1/deployments/{deployment.Id}")).ReadAsync<DeploymentInfo>()).ShouldBeEquivalentTo(deployment);
    }

    [Fact]
    public async Task Properties_of_a_deployment_outside_the_callers_reach_answer_not_found()
    {
        await (await _admin.GetAsync("/api/v1/deployments/DEPNOSUCH")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await PutAsync("DEPNOSUCH", new UpdateDeploymentRequest(), "\"0\"")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> PutAsync(string id, UpdateDeploymentRequest request, string? etag)
    {
        var message = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/deployments/{id}") { Content = JsonContent.Create(request, options: Api.Json) };
        if (etag is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return _admin.SendAsync(message);
    }

    /// <summary>An available deployment of a one-step sequence to a collection holding the device, if one is given.</summary>
    private async Task<DeploymentInfo> DeployAsync(string? deviceId)
    {
        var created = await _admin.CreateAsync("Edited deployment");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with
        {
            Nodes = [new StepNode { Name = "Only", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } }],
        }, created.ETag)).EnsureSuccessStatusCode();
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Edited" }, Api.Json))
            .ReadAsync<CollectionInfo>();
        if (deviceId is not null)
        {
            (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{deviceId}", null)).EnsureSuccessStatusCode();
        }

        return await (await _admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Available" }, Api.Json)).ReadAsync<DeploymentInfo>();
    }
}
