using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;

namespace TsOrchestrator.Cli.Tests;

/// <summary>Issue 17: the offline commands under --json: what a command wrote, and a refusal as a problem document.</summary>
public sealed class JsonOfflineCommandsTests
{
    [Fact]
    public void New_and_convert_report_the_file_written_as_json()
    {
        using var folder = new TempFolder();
        var file = folder.File("lab.tsq.json");

        var created = JsonDocument.Parse(Tsorch.Run("new", "--template", "custom", "--name", "Lab", "-o", file, "--json").Output).RootElement;
        var converted = JsonDocument.Parse(Tsorch.Run("convert", file, "-o", folder.File("copy.tsq.json"), "--json").Output).RootElement;

        created.GetProperty("wrote").GetString().ShouldBe(Path.GetFullPath(file));
        created.GetProperty("id").GetString().ShouldBe("LAB");
        converted.GetProperty("bytes").GetInt64().ShouldBe(new FileInfo(folder.File("copy.tsq.json")).Length);
    }

    [Fact]
    public void New_lists_its_templates_as_json()
    {
        var templates = JsonDocument.Parse(Tsorch.Run("new", "--list", "--json").Output).RootElement;

        templates.EnumerateArray().Select(t => t.GetProperty("template").GetString()).ShouldContain("install-os");
    }

    [Fact]
    public void Simulation_refused_by_validation_is_a_problem_document_naming_each_error()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.tsq.json", """{"formatVersion": 1, "id": "BAD1", "name": "Bad", "nodes": [{"kind": "step", "name": "Run", "type": "RunCommandLine", "settings": {}}]}""");

        var result = Tsorch.Run("simulate", file, "--json");

        result.ExitCode.ShouldBe(1);
        var problem = JsonDocument.Parse(result.Output).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("The task sequence is not valid");
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("0");
        result.Error.ShouldContain("bad.tsq.json: error: 0 ");
    }
}
