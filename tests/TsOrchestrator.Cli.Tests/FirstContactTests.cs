using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests;

/// <summary>Issue 17: what a newcomer meets first in the offline commands reads well and does not surprise.</summary>
public sealed class FirstContactTests
{
    [Fact]
    public void Validate_groups_one_problem_repeated_at_many_steps_and_knows_mdts_run_as_account()
    {
        var file = TsXmlFixtures.PathOf("mdt-mdttools-WINDOWS8DEPLOY.xml");

        var result = Tsorch.Run("validate", file);

        result.ExitCode.ShouldBe(0, result.Output);
        // MDT writes Run Command Line's run-as account under the variable's name; it is the UserName setting.
        result.Output.ShouldNotContain("SMSTSRunCommandLineUserName");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.Contains("'ApplicationGUID' is not a setting of Install Application", StringComparison.Ordinal)).ShouldBe(1);
        lines.ShouldContain(l => l.EndsWith("'ApplicationGUID' is not a setting of Install Application (5 places: 5/13, 5/20, 5/31, 5/32, 5/33)", StringComparison.Ordinal));
        lines.Length.ShouldBeLessThan(40, result.Output);
    }

    [Fact]
    public void Validate_json_still_lists_every_problem_at_its_own_step()
    {
        using var folder = new TempFolder();
        var file = folder.Write("repeated.tsq.json", """
            {"formatVersion": 1, "id": "REP00001", "name": "Repeated", "nodes": [
              {"kind": "step", "name": "One", "type": "RunCommandLine", "settings": {"CommandLine": "a", "Bogus": "1"}},
              {"kind": "step", "name": "Two", "type": "RunCommandLine", "settings": {"CommandLine": "b", "Bogus": "1"}}
            ]}
            """);

        var text = Tsorch.Run("validate", file).Output;
        var json = Tsorch.Run("validate", file, "--json").Output;

        text.ShouldContain("(2 places: 0, 1)");
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("problems").EnumerateArray()
            .Count(p => p.GetProperty("field").GetString() == "settings.Bogus").ShouldBe(2);
    }

    [Fact]
    public void Simulate_shows_group_names_as_headings_and_paths_only_when_asked()
    {
        using var folder = new TempFolder();
        var file = folder.Write("s.tsq.json", Sequences.Small);

        var plain = Tsorch.Run("simulate", file).Output;
        var withPaths = Tsorch.Run("simulate", file, "--paths").Output;

        plain.ShouldContain("\n  G\n    [ok  ] First");
        plain.ShouldContain("\n  [ok  ] Last");
        plain.ShouldNotContain("0/0");
        withPaths.ShouldContain("[ok  ] First  (exit 0)  [0/0]");
    }

    [Fact]
    public void Simulate_refuses_a_sequence_validation_refuses_unless_forced()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.tsq.json", """
            {"formatVersion": 1, "id": "BAD00001", "name": "Bad", "nodes": [
              {"kind": "step", "name": "No command", "type": "RunCommandLine", "settings": {}}
            ]}
            """);

        var refused = Tsorch.Run("simulate", file);
        var forced = Tsorch.Run("simulate", file, "--force");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("0 settings.CommandLine");
        refused.Error.ShouldContain("not simulated");
        forced.Output.ShouldContain("Result:");
    }

    [Fact]
    public void New_does_not_overwrite_a_file_unless_forced()
    {
        using var folder = new TempFolder();
        var target = folder.Write("mine.tsq.json", "precious");

        var refused = Tsorch.Run("new", "--template", "custom", "--name", "Mine", "-o", target);

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("--force");
        File.ReadAllText(target).ShouldBe("precious");
        Tsorch.Run("new", "--template", "custom", "--name", "Mine", "-o", target, "--force").ExitCode.ShouldBe(0);
        File.ReadAllText(target).ShouldContain("\"name\": \"Mine\"");
    }

    [Fact]
    public void Command_line_mistake_is_one_line_in_plain_words_naming_the_commands_help()
    {
        var result = Tsorch.Run("collections", "create", "Lab", "--priority", "abc");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldBe("tsorch: --priority: 'abc' is not a whole number\ntsorch: see 'tsorch collections create --help'\n", StringCompareShould.IgnoreLineEndings);
        result.Error.ShouldNotContain("System.");
    }
}
