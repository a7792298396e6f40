using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Auditing;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Exchange;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>The scope leaks of issue 14, each reproduced with two keys of different scopes.</summary>
public sealed class ScopeLeakTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Import_preview_of_another_scope_is_not_found_on_read_or_commit()
    {
        using var admin = _server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Branch build", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });
        (await admin.DeleteAsync($"/api/v1/task-sequences/{id}")).EnsureSuccessStatusCode();
        using var lab = _server.ClientWithKey(await _server.CreateKeyAsync("lab", AdminRoles.OsdManager, "lab"));
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, "branch"));
        var preview = await branch.PreviewAsync(export);

        await (await lab.GetAsync($"/api/v1/imports/{preview.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await lab.CommitAsync(preview.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await (await lab.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).ShouldBeEmpty();
        (await (await branch.GetAsync($"/api/v1/imports/{preview.Id}")).ReadAsync<ImportPreview>()).Id.ShouldBe(preview.Id);
        await (await branch.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        (await (await branch.GetAsync($"/api/v1/task-sequences/{id}")).ReadAsync<TaskSequenceDetails>()).Summary.Scopes.ShouldBe(["branch"]);
    }

    [Fact]
    public async Task Device_outside_the_callers_scopes_cannot_be_added_to_its_collection()
    {
        using var admin = _server.AdminClient();
        var device = await _server.Agent().RegisterAsync(new Contracts.Agents.RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new Contracts.Agents.DeviceFacts { Hostname = "hq-01", Os = "linux", OsVersion = "6.1", Architecture = "x64" },
        });
        (await admin.PutAsJsonAsync($"/api/v1/devices/{device.DeviceId}/scopes", new SetScopesRequest { Scopes = ["branch"] }, Api.Json)).EnsureSuccessStatusCode();
        using var lab = _server.ClientWithKey(await _server.CreateKeyAsync("lab", AdminRoles.OsdManager, "lab"));
        var collection = await (await lab.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab" }, Api.Json)).ReadAsync<CollectionInfo>();

        (await (await lab.PutAsync($"/api/v1/collections/{collection.Id}/members/{device.DeviceId}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString()!.ShouldContain(device.DeviceId);

        (await (await admin.GetAsync($"/api/v1/collections/{collection.Id}")).ReadAsync<CollectionInfo>()).DirectMembers.ShouldBeEmpty();
    }

    [Fact]
    public async Task Scoped_full_administrator_reads_only_audit_entries_of_objects_it_sees_or_made()
    {
        using var admin = _server.AdminClient();
        var headquarters = await admin.CreateAsync("Headquarters build");
        using var branchAdmin = _server.ClientWithKey(await _server.CreateKeyAsync("branch-admin", AdminRoles.FullAdministrator, "branch"));
        var branch = await branchAdmin.CreateAsync("Branch build");
        (await admin.PutAsJsonAsync($"/api/v1/task-sequences/{branch.Summary.Id}/scopes", new SetScopesRequest { Scopes = ["branch", "lab"] }, Api.Json))
            .EnsureSuccessStatusCode();

        var seen = await (await branchAdmin.GetAsync("/api/v1/audit")).ReadAsync<List<AuditEntry>>();

        seen.ShouldNotContain(e => e.ObjectId == headquarters.Summary.Id);
        seen.Where(e => e.ObjectId == branch.Summary.Id).Select(e => e.Action).ShouldBe(["set-scopes", "create"]);
        (await (await admin.GetAsync("/api/v1/audit")).ReadAsync<List<AuditEntry>>()).ShouldContain(e => e.ObjectId == headquarters.Summary.Id);
    }
}
