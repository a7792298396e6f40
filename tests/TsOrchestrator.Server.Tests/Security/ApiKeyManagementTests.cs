using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Security;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>Issue 13: keys beyond the first are issued, rotated and revoked through the API, so roles and scopes can be used.</summary>
public sealed class ApiKeyManagementTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issued_key_works_with_its_role_and_is_listed_without_its_secret()
    {
        using var admin = _server.AdminClient();

        var issued = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Build pipeline", Role = "readonlyanalyst" });

        issued.Role.ShouldBe(AdminRoles.ReadOnlyAnalyst);
        issued.Scopes.ShouldBe(["*"]);
        using var analyst = _server.ClientWithKey(issued.Secret);
        (await analyst.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await analyst.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Nope" }, Api.Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await analyst.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var listed = await admin.GetStringAsync("/api/v1/api-keys");
        listed.ShouldContain(issued.Id);
        listed.ShouldNotContain(issued.Secret);
        listed.ShouldNotContain(ApiKeys.Hash(issued.Secret));
        (await admin.GetStringAsync("/api/v1/audit")).ShouldContain(issued.Id);
    }

    [Fact]
    public async Task A_key_shows_when_it_was_last_used_and_a_key_never_used_shows_none()
    {
        using var admin = _server.AdminClient();
        var used = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Used by a tool", Role = AdminRoles.ReadOnlyAnalyst });
        var idle = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Never used", Role = AdminRoles.ReadOnlyAnalyst });
        using (var tool = _server.ClientWithKey(used.Secret))
        {
            (await tool.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await tool.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var keys = await admin.GetFromJsonAsync<List<ApiKeyInfo>>("/api/v1/api-keys", Api.Json);

        keys!.Single(k => k.Id == used.Id).LastUsedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(used.CreatedAt);
        keys!.Single(k => k.Id == idle.Id).LastUsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Rotated_key_stops_the_old_secret_at_once_and_the_new_one_works()
    {
        using var admin = _server.AdminClient();
        var issued = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Rotated", Role = AdminRoles.OsdManager });

        var rotated = await (await admin.PostAsync($"/api/v1/api-keys/{issued.Id}/rotate", null)).Content.ReadFromJsonAsync<IssuedApiKey>(Api.Json);

        rotated!.Id.ShouldBe(issued.Id);
        rotated.Secret.ShouldNotBe(issued.Secret);
        using var old = _server.ClientWithKey(issued.Secret);
        using var renewed = _server.ClientWithKey(rotated.Secret);
        (await old.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await renewed.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoked_key_is_refused_and_the_last_full_administrator_key_cannot_be_revoked()
    {
        using var admin = _server.AdminClient();
        var issued = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Temporary", Role = AdminRoles.FullAdministrator });
        using var temporary = _server.ClientWithKey(issued.Secret);

        (await admin.DeleteAsync($"/api/v1/api-keys/{issued.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await temporary.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var last = await admin.DeleteAsync("/api/v1/api-keys/admin");
        last.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await last.Content.ReadAsStringAsync()).ShouldContain("last Full Administrator key");
        (await admin.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Key_with_an_unknown_role_or_no_name_is_refused_naming_the_field_and_nothing_is_stored()
    {
        using var admin = _server.AdminClient();
        var before = await admin.GetStringAsync("/api/v1/api-keys");

        var role = await admin.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest { Name = "Bad", Role = "Root" }, Api.Json);
        var name = await admin.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest { Name = " ", Role = AdminRoles.OsdManager }, Api.Json);

        role.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await role.Content.ReadAsStringAsync())!;
        problem["errors"]!["role"]![0]!.GetValue<string>().ShouldContain(AdminRoles.ReadOnlyAnalyst);
        name.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await name.Content.ReadAsStringAsync())!["errors"]!["name"].ShouldNotBeNull();
        (await admin.GetStringAsync("/api/v1/api-keys")).ShouldBe(before);
    }

    [Fact]
    public async Task Scoped_administrator_issues_keys_only_within_its_scopes_and_sees_only_those()
    {
        using var admin = _server.AdminClient();
        using var scoped = _server.ClientWithKey(await _server.CreateKeyAsync("lab-admin", AdminRoles.FullAdministrator, scopes: "lab"));
        var siteWide = await IssueAsync(admin, new CreateApiKeyRequest { Name = "Site analyst", Role = AdminRoles.ReadOnlyAnalyst });

        var own = await IssueAsync(scoped, new CreateApiKeyRequest { Name = "Lab analyst", Role = AdminRoles.ReadOnlyAnalyst });
        var wider = await scoped.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest { Name = "Wider", Role = AdminRoles.ReadOnlyAnalyst, Scopes = ["lab", "hq"] }, Api.Json);

        own.Scopes.ShouldBe(["lab"]);
        wider.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wider.Content.ReadAsStringAsync()).ShouldContain("'hq' is not one of your scopes");
        var listed = await scoped.GetStringAsync("/api/v1/api-keys");
        listed.ShouldContain(own.Id);
        listed.ShouldNotContain(siteWide.Id);
        (await scoped.DeleteAsync($"/api/v1/api-keys/{siteWide.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.PostAsync("/api/v1/api-keys/admin/rotate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<IssuedApiKey> IssueAsync(HttpClient admin, CreateApiKeyRequest request)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", request, Api.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IssuedApiKey>(Api.Json))!;
    }
}
