using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

public sealed class SecurityTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Health_answers_without_a_key()
    {
        using var anonymous = _server.CreateClient();

        var response = await anonymous.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Api_requires_a_key_and_refuses_an_unknown_one()
    {
        using var anonymous = _server.CreateClient();
        using var wrong = _server.ClientWithKey("tsk_not-a-key");

        (await anonymous.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task First_start_writes_an_admin_key_only_its_owner_can_read()
    {
        using var admin = _server.AdminClient();
        (await admin.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var file = Path.Combine(_server.DataDirectory, AdminKeyBootstrapper.KeyFileName);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task Read_only_analyst_can_read_but_not_create()
    {
        using var analyst = _server.ClientWithKey(await _server.CreateKeyAsync("ana", AdminRoles.ReadOnlyAnalyst));

        (await analyst.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await analyst.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "X" }, Api.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Callers_see_only_objects_in_their_security_scopes()
    {
        using var admin = _server.AdminClient();
        var created = await admin.CreateAsync();
        using var scoped = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));

        (await (await scoped.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).ShouldBeEmpty();
        await (await scoped.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        using var anonymous = _server.CreateClient();

        var response = await anonymous.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("/api/v1/task-sequences");
    }

    [Fact]
    public async Task Collections_devices_deployments_and_runs_outside_the_callers_scopes_are_invisible()
    {
        using var admin = _server.AdminClient();
        var sequence = await admin.CreateAsync();
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new Contracts.Collections.CreateCollectionRequest { Name = "HQ" }, Api.Json))
            .ReadAsync<Contracts.Collections.CollectionInfo>();
        (await admin.PostAsJsonAsync("/api/v1/deployments", new Contracts.Deployments.CreateDeploymentRequest { SequenceId = sequence.Summary.Id, CollectionId = collection.Id }, Api.Json))
            .EnsureSuccessStatusCode();
        await _server.Agent().RegisterAsync(new Contracts.Agents.RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new Contracts.Agents.DeviceFacts { Hostname = "hq-01", Os = "linux", OsVersion = "6.1", Architecture = "x64" },
        });
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));

        (await (await branch.GetAsync("/api/v1/collections")).ReadAsync<List<Contracts.Collections.CollectionInfo>>()).ShouldBeEmpty();
        (await (await branch.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).ShouldBeEmpty();
        (await (await branch.GetAsync("/api/v1/deployments")).ReadAsync<List<Contracts.Deployments.DeploymentInfo>>()).ShouldBeEmpty();
        await (await branch.GetAsync($"/api/v1/collections/{collection.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await branch.PostAsJsonAsync("/api/v1/deployments", new Contracts.Deployments.CreateDeploymentRequest { SequenceId = sequence.Summary.Id, CollectionId = collection.Id }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await (await admin.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Objects_a_scoped_administrator_creates_stay_in_its_scopes()
    {
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));

        var sequence = await (await branch.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "Branch build" }, Api.Json))
            .ReadAsync<TaskSequenceDetails>();
        var collection = await (await branch.PostAsJsonAsync("/api/v1/collections", new Contracts.Collections.CreateCollectionRequest { Name = "Branch" }, Api.Json))
            .ReadAsync<Contracts.Collections.CollectionInfo>();

        sequence.Summary.Scopes.ShouldBe(["branch-office"]);
        collection.Scopes.ShouldBe(["branch-office"]);
        (await (await branch.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).Select(s => s.Id).ShouldBe([sequence.Summary.Id]);
        (await (await branch.GetAsync("/api/v1/collections")).ReadAsync<List<Contracts.Collections.CollectionInfo>>()).Select(c => c.Id).ShouldBe([collection.Id]);
    }

    [Fact]
    public async Task Full_administrator_moves_a_device_into_a_scope_and_only_that_scope_sees_it()
    {
        using var admin = _server.AdminClient();
        var device = await _server.Agent().RegisterAsync(new Contracts.Agents.RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new Contracts.Agents.DeviceFacts { Hostname = "lab-01", Os = "linux", OsVersion = "6.1", Architecture = "x64" },
        });
        using var lab = _server.ClientWithKey(await _server.CreateKeyAsync("lab", AdminRoles.OsdManager, scopes: "lab"));
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));
        (await (await lab.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).ShouldBeEmpty();

        var moved = await (await admin.PutAsJsonAsync($"/api/v1/devices/{device.DeviceId}/scopes", new SetScopesRequest { Scopes = ["lab"] }, Api.Json))
            .ReadAsync<Contracts.Devices.DeviceInfo>();

        moved.Scopes.ShouldBe(["lab"]);
        (await (await lab.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).Select(d => d.Id).ShouldBe([device.DeviceId]);
        (await (await branch.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).ShouldBeEmpty();
        (await (await admin.GetAsync("/api/v1/audit")).Content.ReadAsStringAsync()).ShouldContain("set-scopes");
    }

    [Fact]
    public async Task Only_a_full_administrator_sets_scopes_and_an_empty_list_is_refused_by_field()
    {
        using var admin = _server.AdminClient();
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new Contracts.Collections.CreateCollectionRequest { Name = "HQ" }, Api.Json))
            .ReadAsync<Contracts.Collections.CollectionInfo>();
        using var manager = _server.ClientWithKey(await _server.CreateKeyAsync("manager", AdminRoles.OsdManager, scopes: "*"));

        await (await manager.PutAsJsonAsync($"/api/v1/collections/{collection.Id}/scopes", new SetScopesRequest { Scopes = ["lab"] }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var problem = await (await admin.PutAsJsonAsync($"/api/v1/collections/{collection.Id}/scopes", new SetScopesRequest { Scopes = [" "] }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldContain("scopes");
        (await (await admin.GetAsync($"/api/v1/collections/{collection.Id}")).ReadAsync<Contracts.Collections.CollectionInfo>()).Scopes.ShouldBe(["default"]);
    }
}
