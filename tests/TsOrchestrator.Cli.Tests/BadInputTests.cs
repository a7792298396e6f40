using TsOrchestrator.Cli.Tests.Support;

namespace TsOrchestrator.Cli.Tests;

/// <summary>Every mistake a user can make gets one clear line naming the file (and line), exit code 1, no stack trace.</summary>
public sealed class BadInputTests
{
    private static void ShouldBeOneClearLine(Tsorch.Result result, params string[] expected)
    {
        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldNotContain("   at ");
        result.Error.Trim().Split('\n').Length.ShouldBe(1, result.Error);
        foreach (var text in expected)
        {
            result.Error.ShouldContain(text);
        }
    }

    [Fact]
    public void Missing_file()
    {
        ShouldBeOneClearLine(Tsorch.Run("simulate", "/nowhere/ts.tsq.json"), "/nowhere/ts.tsq.json", "no such file");
    }

    [Fact]
    public void Malformed_json_names_file_and_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.tsq.json", "{\n  \"id\": \"X\",\n  \"name\": \"Y\",\n  \"nodes\": [ {\"kind\": \"step\", \n}");

        ShouldBeOneClearLine(Tsorch.Run("validate", file), "broken.tsq.json:5:");
    }

    [Fact]
    public void Malformed_xml_names_file_and_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("ts.xml", "<sequence>\n<group name=\"A\">\n</sequence>");

        ShouldBeOneClearLine(Tsorch.Run("inspect", file), "ts.xml:3:");
    }

    [Fact]
    public void File_that_is_not_a_sequence()
    {
        using var folder = new TempFolder();
        var text = folder.Write("notes.txt", "hello");
        var xml = folder.Write("unattend.xml", "<unattend/>");
        var json = folder.Write("package.json", """{"name": "left-pad", "version": "1.0.0"}""");

        ShouldBeOneClearLine(Tsorch.Run("inspect", text), "notes.txt");
        ShouldBeOneClearLine(Tsorch.Run("inspect", xml), "no <sequence> element");
        ShouldBeOneClearLine(Tsorch.Run("inspect", json), "package.json");
    }

    [Fact]
    public void Unknown_step_type_names_the_node()
    {
        using var folder = new TempFolder();
        var file = folder.Write("s.tsq.json", """{"formatVersion": 1, "id": "X", "name": "X", "nodes": [{"kind": "group", "name": "G", "children": [{"kind": "step", "name": "Mystery", "type": "NoSuchStep"}]}]}""");

        ShouldBeOneClearLine(Tsorch.Run("simulate", file), "0/0 type", "NoSuchStep");
    }

    [Fact]
    public void Invalid_condition_operator_names_the_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("s.tsq.json", "{\"formatVersion\": 1, \"id\": \"X\", \"name\": \"X\", \"nodes\": [\n{\"kind\": \"step\", \"name\": \"S\", \"type\": \"RunCommandLine\",\n \"condition\": {\"type\": \"variable\", \"variable\": \"A\", \"operator\": \"sortOf\"}}]}");

        ShouldBeOneClearLine(Tsorch.Run("simulate", file), "s.tsq.json:3:");
    }

    [Fact]
    public void Misspelt_scenario_key_names_the_scenario_file()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.Small);
        var scenario = folder.Write("scenario.json", "{\n  \"outcome\": {}\n}");

        ShouldBeOneClearLine(Tsorch.Run("simulate", sequence, "--scenario", scenario), "scenario.json:2:", "outcome");
    }

    [Fact]
    public void Unknown_template_and_missing_options_of_new()
    {
        using var folder = new TempFolder();

        ShouldBeOneClearLine(Tsorch.Run("new", "--template", "nope", "--name", "X", "-o", folder.File("x.tsq.json")), "unknown template 'nope'");
        ShouldBeOneClearLine(Tsorch.Run("new", "--template", "custom"), "--name");
    }
}
