using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>
/// Issue 16 item 5 and issue 17: commands that change something print, under --json, the server's resulting object (or
/// a small report naming what was done when the server answers with no body) — never a line of text.
/// </summary>
public sealed class JsonOutputTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private JsonElement Json(params string[] args)
    {
        var result = Tsorch.Run([.. args, "--json", "--server", server.Url, "--key", server.Key]);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public void Task_sequence_edits_print_the_servers_sequence_lock_and_what_was_deleted()
    {
        var folder = Json("folders", "create", "JsonLab").GetProperty("path").GetString();
        var imported = Json("ts", "import", Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json"));
        var id = imported.GetProperty("summary").GetProperty("id").GetString()!;

        Json("ts", "disable", id).GetProperty("summary").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        Json("ts", "move", id, folder!).GetProperty("summary").GetProperty("folder").GetString().ShouldBe("JsonLab");
        Json("ts", "lock", id).GetProperty("holderName").GetString().ShouldNotBeNullOrEmpty();
        Json("ts", "unlock", id).GetProperty("unlocked").GetString().ShouldBe(id);
        Json("ts", "scopes", id, "lab").GetProperty("scopes")[0].GetString().ShouldBe("lab");
        var copy = Json("ts", "copy", id).GetProperty("summary").GetProperty("id").GetString()!;
        using var files = new TempFolder();
        var exported = Json("ts", "export", id, "-o", files.File("out.tsq.json"));
        exported.GetProperty("id").GetString().ShouldBe(id);
        exported.GetProperty("bytes").GetInt64().ShouldBe(new FileInfo(files.File("out.tsq.json")).Length);

        Json("ts", "delete", copy).GetProperty("deleted").GetString().ShouldBe(copy);
        Json("ts", "delete", id).GetProperty("deleted").GetString().ShouldBe(id);
        Json("folders", "rename", "JsonLab", "JsonLab2").GetProperty("path").GetString().ShouldBe("JsonLab2");
        Json("folders", "delete", "JsonLab2").GetProperty("deleted").GetString().ShouldBe("JsonLab2");
    }

    [Fact]
    public void Collection_and_deployment_changes_print_the_servers_objects()
    {
        var sequence = Json("ts", "create", "--name", "Json deployed", "--platform", "linux").GetProperty("summary").GetProperty("id").GetString()!;
        var collection = Json("collections", "create", "Json collection").GetProperty("id").GetString()!;
        var variable = Json("collections", "set-variable", collection, "OSDLocale=en-GB");
        variable.GetProperty("name").GetString().ShouldBe("OSDLocale");
        variable.GetProperty("value").GetString().ShouldBe("en-GB");

        var deployment = Json("deployments", "create", "--sequence", sequence, "--collection", collection, "--purpose", "available");
        deployment.GetProperty("purpose").GetString().ShouldBe("Available");
        var id = deployment.GetProperty("id").GetString()!;

        Json("deployments", "delete", id).GetProperty("deleted").GetString().ShouldBe(id);
    }

    [Fact]
    public void Refused_change_under_json_prints_the_problem_on_stdout_and_nothing_else()
    {
        var result = Tsorch.Run("folders", "delete", "NoSuchFolder", "--json", "--server", server.Url, "--key", server.Key);

        result.ExitCode.ShouldBe(1);
        var problem = JsonDocument.Parse(result.Output).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        result.Error.Trim().ShouldStartWith("tsorch: 404 ");
        result.Error.Trim().Split('\n').Length.ShouldBe(1);
    }
}
