using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.TaskSequences;

public sealed class TaskSequencesApiTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public TaskSequencesApiTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static readonly StepNode CommandStep = new()
    {
        Name = "Say hello",
        Type = StepTypeIds.RunCommandLine,
        Settings = new Dictionary<string, string> { ["CommandLine"] = "echo hello" },
    };

    [Fact]
    public async Task Created_sequence_reads_back_with_its_version_and_etag()
    {
        var created = await _admin.CreateAsync("Deploy Windows 11");

        var response = await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}");
        var details = await response.ReadAsync<TaskSequenceDetails>();

        details.Summary.Name.ShouldBe("Deploy Windows 11");
        details.Summary.Version.ShouldBe(1);
        details.Sequence.Id.ShouldBe(created.Summary.Id);
        response.Headers.ETag!.Tag.ShouldBe(details.ETag);
    }

    [Fact]
    public async Task Unknown_template_is_refused_naming_the_field()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "X", Template = "nope" }, Api.Json);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("template");
    }

    [Fact]
    public async Task Create_with_an_empty_name_is_refused_and_nothing_is_stored()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "" }, Api.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldContain("name");
        (await (await _admin.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_property_in_a_request_is_refused_naming_it()
    {
        var response = await _admin.PostAsync("/api/v1/task-sequences",
            new StringContent("""{"name":"X","templat":"custom"}""", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("templat");
    }

    [Fact]
    public async Task Save_without_the_edit_lock_is_refused_with_423()
    {
        var created = await _admin.CreateAsync();

        var response = await _admin.SaveAsync(created.Sequence with { Nodes = [CommandStep] }, created.ETag);

        (await response.ShouldBeProblemAsync(HttpStatusCode.Locked)).ErrorFields().ShouldContain("lock");
    }

    [Fact]
    public async Task Save_with_the_lock_stores_a_new_immutable_version()
    {
        var created = await _admin.CreateAsync();
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();

        var saved = await (await _admin.SaveAsync(created.Sequence with { Nodes = [CommandStep] }, created.ETag)).ReadAsync<TaskSequenceDetails>();

        saved.Summary.Version.ShouldBe(2);
        saved.ETag.ShouldNotBe(created.ETag);
        var versions = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/versions")).ReadAsync<List<TaskSequenceVersionInfo>>();
        versions.Select(v => v.Version).ShouldBe([1, 2]);
        var first = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/versions/1")).ReadAsync<TaskSequence>();
        first.Nodes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Stale_save_gets_409_and_changes_nothing()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        (await _admin.SaveAsync(created.Sequence with { Nodes = [CommandStep] }, created.ETag)).EnsureSuccessStatusCode();

        var stale = await _admin.SaveAsync(created.Sequence with { Name = "Overwritten" }, created.ETag);

        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var current = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        current.Summary.Name.ShouldBe("Deploy Windows");
        current.Summary.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Save_without_if_match_gets_428()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);

        var response = await _admin.SaveAsync(created.Sequence, etag: null);

        (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired)).ErrorFields().ShouldContain("If-Match");
    }

    [Fact]
    public async Task Invalid_document_gets_422_naming_node_and_field_and_the_stored_version_is_untouched()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        var broken = created.Sequence with
        {
            Nodes = [new GroupNode { Name = "Group", Children = [CommandStep with { Settings = new Dictionary<string, string>() }] }],
        };

        var response = await _admin.SaveAsync(broken, created.ETag);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldContain(f => f.StartsWith("nodes[0/0]", StringComparison.Ordinal) && f.Contains("CommandLine", StringComparison.Ordinal));
        var versions = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/versions")).ReadAsync<List<TaskSequenceVersionInfo>>();
        versions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Malformed_json_gets_400_with_its_line_and_path()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/task-sequences/{created.Summary.Id}")
        {
            Content = new StringContent("{\n  \"id\": \"x\",\n  \"name\": 42\n}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", created.ETag);

        var problem = await (await _admin.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("request body:3:");
        problem.GetProperty("detail").GetString()!.ShouldContain("$.name");
    }

    [Fact]
    public async Task Lock_held_by_someone_else_gets_423_saying_who_and_since_when()
    {
        var created = await _admin.CreateAsync();
        var otherKey = await _server.CreateKeyAsync("alice", AdminRoles.OsdManager);
        using var alice = _server.ClientWithKey(otherKey);
        (await alice.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();

        var problem = await (await _admin.LockAsync(created.Summary.Id)).ShouldBeProblemAsync(HttpStatusCode.Locked);

        problem.GetProperty("lockedBy").GetString().ShouldBe("alice");
        problem.TryGetProperty("lockedSince", out _).ShouldBeTrue();
        var view = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        view.Summary.Lock!.HolderName.ShouldBe("alice");
    }

    [Fact]
    public async Task Full_administrator_can_force_release_a_lock_and_others_cannot()
    {
        var created = await _admin.CreateAsync();
        using var alice = _server.ClientWithKey(await _server.CreateKeyAsync("alice", AdminRoles.OsdManager));
        using var bob = _server.ClientWithKey(await _server.CreateKeyAsync("bob", AdminRoles.OsdManager));
        await alice.LockAsync(created.Summary.Id);

        await (await bob.DeleteAsync($"/api/v1/task-sequences/{created.Summary.Id}/lock?force=true")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await _admin.DeleteAsync($"/api/v1/task-sequences/{created.Summary.Id}/lock?force=true")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bob.LockAsync(created.Summary.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Secret_settings_are_masked_on_read_and_kept_when_the_mask_is_sent_back()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        var withPassword = CommandStep with
        {
            Settings = new Dictionary<string, string> { ["CommandLine"] = "whoami", ["RunAsUser"] = "true", ["UserName"] = @"CONTOSO\svc", ["UserPassword"] = "P@ssw0rd!" },
        };
        var saved = await (await _admin.SaveAsync(created.Sequence with { Nodes = [withPassword] }, created.ETag)).ReadAsync<TaskSequenceDetails>();

        var read = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        ((StepNode)read.Sequence.Nodes[0]).Settings["UserPassword"].ShouldBe("********");
        (await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).Content.ReadAsStringAsync()).ShouldNotContain("P@ssw0rd!");

        var renamed = read.Sequence with { Name = "Renamed" };
        (await _admin.SaveAsync(renamed, saved.ETag)).EnsureSuccessStatusCode();
        await using var scope = _server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TsOrchestrator.Server.Storage.StoreContext>();
        var versions = store.TaskSequenceVersions.Where(v => v.SequenceId == created.Summary.Id).ToDictionary(v => v.Version, v => v.Content);
        versions[3].ShouldNotContain("P@ssw0rd!"); // stored encrypted
        var kept = ((StepNode)NativeFormat.Deserialize(versions[3]).Nodes[0]).Settings["UserPassword"];
        kept.ShouldBe(((StepNode)NativeFormat.Deserialize(versions[2]).Nodes[0]).Settings["UserPassword"]);
        Reveal(kept).ShouldBe("P@ssw0rd!");
    }

    private string Reveal(string stored)
    {
        stored.ShouldStartWith(TsOrchestrator.Server.StepSecrets.StepSecretProtector.Prefix);
        return _server.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(TsOrchestrator.Server.StepSecrets.StepSecretProtector.Purpose)
            .Unprotect(stored[TsOrchestrator.Server.StepSecrets.StepSecretProtector.Prefix.Length..]);
    }

    [Fact]
    public async Task Secret_dynamic_variable_values_are_masked_on_read_and_kept_when_the_mask_is_sent_back()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        const string Rules = """[{"when":{"os":"linux"},"set":{"JoinPassword":"S3cr3t!","Site":"north","Pin":4711},"secret":["JoinPassword","Pin"]}]""";
        var dynamic = new StepNode { Name = "Dynamic", Type = StepTypeIds.SetDynamicVariables, Settings = new Dictionary<string, string> { ["Rules"] = Rules } };
        var saved = await (await _admin.SaveAsync(created.Sequence with { Nodes = [dynamic] }, created.ETag)).ReadAsync<TaskSequenceDetails>();

        var body = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).Content.ReadAsStringAsync();
        body.ShouldNotContain("S3cr3t!");
        body.ShouldNotContain("4711");
        body.ShouldContain("north"); // only what the rule marks secret is masked
        var read = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ReadAsync<TaskSequenceDetails>();

        (await _admin.SaveAsync(read.Sequence with { Name = "Renamed" }, saved.ETag)).EnsureSuccessStatusCode();
        await using var scope = _server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TsOrchestrator.Server.Storage.StoreContext>();
        var kept = store.TaskSequenceVersions.Single(v => v.SequenceId == created.Summary.Id && v.Version == 3).Content;
        kept.ShouldNotContain("S3cr3t!"); // stored encrypted
        var rules = ((StepNode)NativeFormat.Deserialize(kept).Nodes[0]).Settings["Rules"];
        DynamicVariableSecretValues.Find(rules).ToDictionary(v => v.Name, v => Reveal(v.Value))
            .ShouldBe(new Dictionary<string, string> { ["JoinPassword"] = "S3cr3t!", ["Pin"] = "4711" });
    }

    [Fact]
    public async Task Disable_and_enable_save_new_versions_and_show_in_the_list()
    {
        var created = await _admin.CreateAsync();

        var disabled = await (await _admin.PostAsync($"/api/v1/task-sequences/{created.Summary.Id}/disable", null)).ReadAsync<TaskSequenceDetails>();
        disabled.Summary.Enabled.ShouldBeFalse();
        disabled.Summary.Version.ShouldBe(2);
        var enabled = await (await _admin.PostAsync($"/api/v1/task-sequences/{created.Summary.Id}/enable", null)).ReadAsync<TaskSequenceDetails>();
        enabled.Summary.Enabled.ShouldBeTrue();
        enabled.Sequence.Enabled.ShouldBeTrue();
    }

    [Fact]
    public async Task Copy_creates_a_new_sequence_in_the_same_folder()
    {
        await _admin.PostAsJsonAsync("/api/v1/folders", new Contracts.Folders.CreateFolderRequest { Name = "OSD" }, Api.Json);
        var created = await _admin.CreateAsync("Win11", folder: "OSD");

        var copy = await (await _admin.PostAsync($"/api/v1/task-sequences/{created.Summary.Id}/copy", null)).ReadAsync<TaskSequenceDetails>();

        copy.Summary.Id.ShouldNotBe(created.Summary.Id);
        copy.Summary.Name.ShouldBe("Win11 - Copy");
        copy.Summary.Folder.ShouldBe("OSD");
        (await (await _admin.GetAsync("/api/v1/task-sequences?folder=OSD")).ReadAsync<List<TaskSequenceSummary>>()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Move_to_an_unknown_folder_is_refused_and_to_a_known_one_lists_it_there()
    {
        var created = await _admin.CreateAsync();
        var missing = await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{created.Summary.Id}/move", new MoveTaskSequenceRequest { Folder = "Nowhere" }, Api.Json);
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("folder");

        await _admin.PostAsJsonAsync("/api/v1/folders", new Contracts.Folders.CreateFolderRequest { Name = "Servers" }, Api.Json);
        var moved = await (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{created.Summary.Id}/move", new MoveTaskSequenceRequest { Folder = "Servers" }, Api.Json)).ReadAsync<TaskSequenceDetails>();

        moved.Summary.Folder.ShouldBe("Servers");
    }

    [Fact]
    public async Task List_filters_by_name()
    {
        await _admin.CreateAsync("Windows 11 deploy");
        await _admin.CreateAsync("Ubuntu rebuild");

        var found = await (await _admin.GetAsync("/api/v1/task-sequences?name=ubuntu")).ReadAsync<List<TaskSequenceSummary>>();

        found.Select(s => s.Name).ShouldBe(["Ubuntu rebuild"]);
    }

    [Fact]
    public async Task Delete_removes_the_sequence_and_its_versions()
    {
        var created = await _admin.CreateAsync();

        (await _admin.DeleteAsync($"/api/v1/task-sequences/{created.Summary.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_id_gets_a_404_problem()
    {
        await (await _admin.GetAsync("/api/v1/task-sequences/NOPE")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_change_is_written_to_the_audit_log()
    {
        var created = await _admin.CreateAsync();
        await _admin.PostAsync($"/api/v1/task-sequences/{created.Summary.Id}/disable", null);

        var audit = await (await _admin.GetAsync($"/api/v1/audit?objectId={created.Summary.Id}")).ReadAsync<List<Contracts.Auditing.AuditEntry>>();

        audit.Select(a => a.Action).ShouldBe(["disable", "create"]);
        audit[0].Actor.ShouldBe("admin");
        audit[0].AfterVersion.ShouldBe(audit[0].BeforeVersion + 1);
    }

    [Fact]
    public async Task Diff_of_two_versions_shows_the_changed_field_on_one_line()
    {
        var created = await _admin.CreateAsync("Before");
        await _admin.LockAsync(created.Summary.Id);
        (await _admin.SaveAsync(created.Sequence with { Name = "After" }, created.ETag)).EnsureSuccessStatusCode();

        var diff = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/diff?from=1&to=2")).ReadAsync<VersionDiff>();

        var changed = diff.Lines.Where(l => l.Change != "unchanged").ToList();
        changed.Count.ShouldBe(2); // the name and the version number
        changed.ShouldContain(l => l.OldText!.Contains("\"Before\"") && l.NewText!.Contains("\"After\""));
        await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/diff?from=1&to=9")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Properties_save_as_a_new_version_and_report_the_servers_validation_messages()
    {
        var created = await _admin.CreateAsync();
        await _admin.LockAsync(created.Summary.Id);
        var properties = await (await _admin.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}/properties")).ReadAsync<TaskSequenceProperties>();
        var customTextWithoutHighImpact = properties with
        {
            UserNotification = new UserNotificationProperties { UseCustomText = true, Headline = "H" },
        };

        var invalid = await PutPropertiesAsync(created.Summary.Id, customTextWithoutHighImpact, created.ETag);
        var valid = await PutPropertiesAsync(created.Summary.Id, properties with { Advanced = new AdvancedProperties { MaximumRunTimeMinutes = 0 } }, created.ETag);

        (await invalid.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldContain(f => f.StartsWith("userNotification", StringComparison.Ordinal));
        var saved = await valid.ReadAsync<TaskSequenceDetails>();
        saved.Summary.Version.ShouldBe(2);
        saved.Sequence.Advanced.MaximumRunTimeMinutes.ShouldBe(0);
    }

    [Fact]
    public async Task Security_scopes_decide_who_sees_a_sequence_and_only_full_administrators_set_them()
    {
        var created = await _admin.CreateAsync();
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));

        (await branch.PutAsJsonAsync($"/api/v1/task-sequences/{created.Summary.Id}/scopes", new SetScopesRequest { Scopes = ["branch-office"] }, Api.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await _admin.PutAsJsonAsync($"/api/v1/task-sequences/{created.Summary.Id}/scopes", new SetScopesRequest { Scopes = [" "] }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await _admin.PutAsJsonAsync($"/api/v1/task-sequences/{created.Summary.Id}/scopes", new SetScopesRequest { Scopes = ["default", "branch-office"] }, Api.Json))
            .EnsureSuccessStatusCode();

        (await branch.GetAsync($"/api/v1/task-sequences/{created.Summary.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> PutPropertiesAsync(string id, TaskSequenceProperties properties, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/task-sequences/{id}/properties") { Content = JsonContent.Create(properties, options: Api.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return _admin.SendAsync(request);
    }
}
