using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.TaskSequences;

public sealed class ElsaExportApiTests : IDisposable
{
    private const string Password = "Elsa-Export-P4ss!";

    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public ElsaExportApiTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static readonly TaskSequenceNode[] Nodes =
    [
        new GroupNode
        {
            Name = "Prepare",
            Condition = IfStatement.AnyOf(new VariableCondition { Variable = "Role", Value = "kiosk" }, new VariableCondition { Variable = "Force", Operator = ConditionOperator.Exists }),
            Children =
            [
                new StepNode
                {
                    Name = "As service account",
                    Type = StepTypeIds.RunCommandLine,
                    ContinueOnError = true,
                    Settings = new Dictionary<string, string> { ["CommandLine"] = "whoami", ["RunAsUser"] = "true", ["UserName"] = @"CONTOSO\svc", ["UserPassword"] = Password },
                },
            ],
        },
        new StepNode { Name = "Reboot", Type = StepTypeIds.RestartComputer },
    ];

    /// <summary>A sequence saved once more with a group, a condition and a password: versions 1 and 2.</summary>
    private async Task<string> SavedTwiceAsync()
    {
        var created = await _admin.CreateAsync("Kiosk build");
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(created.Sequence with { Nodes = Nodes }, created.ETag)).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    [Fact]
    public async Task Latest_version_exports_as_an_Elsa_workflow_definition_the_same_bytes_every_time()
    {
        var id = await SavedTwiceAsync();

        var response = await _admin.GetAsync($"/api/v1/task-sequences/{id}/elsa");
        var again = await _admin.GetAsync($"/api/v1/task-sequences/{id}/elsa");
        var byNumber = await _admin.GetAsync($"/api/v1/task-sequences/{id}/versions/2/elsa");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{id}-v2.elsa.json");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        (await again.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        (await byNumber.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        var document = JsonDocument.Parse(bytes).RootElement;
        document.GetProperty("definitionId").GetString().ShouldBe(id);
        document.GetProperty("name").GetString().ShouldBe("Kiosk build");
        document.GetProperty("version").GetInt32().ShouldBe(2);
        document.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        document.TryGetProperty("createdAt", out _).ShouldBeTrue();
        var root = document.GetProperty("root");
        root.GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        var guarded = root.GetProperty("activities")[0];
        guarded.GetProperty("type").GetString().ShouldBe("Elsa.If");
        guarded.GetProperty("then").GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        var step = guarded.GetProperty("then").GetProperty("activities")[0];
        step.GetProperty("type").GetString().ShouldBe("TsOrchestrator.RunCommandLine");
        step.GetProperty("customProperties").GetProperty("TsOrchestrator:ContinueOnError").GetBoolean().ShouldBeTrue();
        root.GetProperty("activities")[1].GetProperty("type").GetString().ShouldBe("TsOrchestrator.RestartComputer");
    }

    [Fact]
    public async Task Saved_password_is_in_no_byte_of_the_export()
    {
        var id = await SavedTwiceAsync();

        var text = await _admin.GetStringAsync($"/api/v1/task-sequences/{id}/elsa");

        text.ShouldNotContain(Password);
        text.ShouldNotContain("\"userPassword\":", Case.Sensitive);
        text.ShouldContain("\"TsOrchestrator:OmittedSecrets\"");
    }

    [Fact]
    public async Task Earlier_version_exports_as_it_was_and_not_as_the_latest()
    {
        var id = await SavedTwiceAsync();

        var first = JsonDocument.Parse(await _admin.GetStringAsync($"/api/v1/task-sequences/{id}/versions/1/elsa")).RootElement;

        first.GetProperty("version").GetInt32().ShouldBe(1);
        first.GetProperty("id").GetString().ShouldBe($"{id}-v1");
        first.GetProperty("isLatest").GetBoolean().ShouldBeFalse();
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(first)).ShouldNotContain("Prepare");
    }

    [Fact]
    public async Task Version_that_does_not_exist_is_a_404_problem()
    {
        var id = await SavedTwiceAsync();

        await (await _admin.GetAsync($"/api/v1/task-sequences/{id}/versions/3/elsa")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/task-sequences/{id}/versions/0/elsa")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/v1/task-sequences/TSNOWHERE/elsa")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Caller_outside_the_sequences_scopes_gets_404_and_a_read_only_analyst_inside_them_the_export()
    {
        var id = await SavedTwiceAsync();
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));
        using var analyst = _server.ClientWithKey(await _server.CreateKeyAsync("analyst", AdminRoles.ReadOnlyAnalyst));
        using var anonymous = _server.CreateClient();

        await (await branch.GetAsync($"/api/v1/task-sequences/{id}/elsa")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await branch.GetAsync($"/api/v1/task-sequences/{id}/versions/1/elsa")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/api/v1/task-sequences/{id}/elsa")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var read = await analyst.GetAsync($"/api/v1/task-sequences/{id}/elsa");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadAsByteArrayAsync()).ShouldBe(await _admin.GetByteArrayAsync($"/api/v1/task-sequences/{id}/elsa"));
    }

    [Fact]
    public async Task Child_sequence_outside_the_callers_scopes_is_exported_as_not_found()
    {
        using var branch = _server.ClientWithKey(await _server.CreateKeyAsync("branch", AdminRoles.OsdManager, scopes: "branch-office"));
        var hidden = await _admin.CreateAsync("Head office only");
        (await _admin.LockAsync(hidden.Summary.Id)).EnsureSuccessStatusCode();
        (await _admin.SaveAsync(hidden.Sequence with { Nodes = [new StepNode { Name = "Secret sauce", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "sauce" } }] }, hidden.ETag))
            .EnsureSuccessStatusCode();

        // A sequence outside the caller's scopes cannot be named in a save: the child leaves the branch's scopes after it.
        (await _admin.PutAsJsonAsync($"/api/v1/task-sequences/{hidden.Summary.Id}/scopes", new SetScopesRequest { Scopes = ["branch-office"] }, Api.Json)).EnsureSuccessStatusCode();
        var parent = await (await branch.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = "Branch build" }, Api.Json)).ReadAsync<TaskSequenceDetails>();
        (await branch.LockAsync(parent.Summary.Id)).EnsureSuccessStatusCode();
        var run = new StepNode { Name = "Run head office", Type = StepTypeIds.RunTaskSequence, Settings = new Dictionary<string, string> { ["TsPackageID"] = hidden.Summary.Id } };
        (await branch.SaveAsync(parent.Sequence with { Nodes = [run] }, parent.ETag)).EnsureSuccessStatusCode();
        (await _admin.PutAsJsonAsync($"/api/v1/task-sequences/{hidden.Summary.Id}/scopes", new SetScopesRequest { Scopes = ["head-office"] }, Api.Json)).EnsureSuccessStatusCode();

        var asBranch = await branch.GetStringAsync($"/api/v1/task-sequences/{parent.Summary.Id}/elsa");
        var asAdmin = await _admin.GetStringAsync($"/api/v1/task-sequences/{parent.Summary.Id}/elsa");

        asBranch.ShouldNotContain("Secret sauce");
        asBranch.ShouldContain("was not found");
        asAdmin.ShouldContain("Secret sauce");
    }
}
