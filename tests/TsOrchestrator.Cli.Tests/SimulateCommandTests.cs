using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;

namespace TsOrchestrator.Cli.Tests;

public sealed class SimulateCommandTests
{
    public static TheoryData<string> Templates() => new(Tsorch.Templates.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_simulates_to_success_on_a_windows_device(string template)
    {
        var result = Tsorch.Run("simulate", Path.Combine(Tsorch.TemplatesFolder, template));

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("Result: Succeeded");
    }

    [Fact]
    public void Json_trace_lists_every_step_run_or_skipped_in_order_with_status_reason_exit_code_and_attempt()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.Small);

        var result = Tsorch.Run("simulate", sequence, "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        json.GetProperty("status").GetString().ShouldBe("Succeeded");
        var steps = json.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("name").GetString()).ShouldBe(["First", "Off", "Gated", "Last"]);
        steps[0].GetProperty("path").GetString().ShouldBe("0/0");
        steps[0].GetProperty("type").GetString().ShouldBe("RunCommandLine");
        steps[0].GetProperty("status").GetString().ShouldBe("Succeeded");
        steps[0].GetProperty("exitCode").GetInt32().ShouldBe(0);
        steps[0].GetProperty("attempt").GetInt32().ShouldBe(1);
        steps[1].GetProperty("status").GetString().ShouldBe("Skipped");
        steps[1].GetProperty("reason").GetString().ShouldBe("disabled");
        steps[2].GetProperty("reason").GetString().ShouldBe("condition");
        steps[1].TryGetProperty("exitCode", out _).ShouldBeFalse();
        json.GetProperty("variables").GetProperty("_SMSTSLastActionName").GetString().ShouldBe("Last");
    }

    [Fact]
    public void Scenario_outcomes_fail_a_step_and_the_run_with_exit_code_3()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.Small);
        var scenario = folder.Write("scenario.json", """{"outcomes": {"First": 5}, "variables": {"Go": "yes"}}""");

        var result = Tsorch.Run("simulate", sequence, "--scenario", scenario, "--json");

        result.ExitCode.ShouldBe(3);
        var json = JsonDocument.Parse(result.Output).RootElement;
        json.GetProperty("status").GetString().ShouldBe("Failed");
        var first = json.GetProperty("steps")[0];
        first.GetProperty("status").GetString().ShouldBe("Failed");
        first.GetProperty("exitCode").GetInt32().ShouldBe(5);
    }

    [Fact]
    public void Scenario_attempt_lists_drive_unexpected_restarts_and_retries()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.Small.Replace("\"type\": \"RunCommandLine\",\n      \"settings\": {\"CommandLine\": \"last\"}", "\"type\": \"RunCommandLine\",\n      \"settings\": {\"CommandLine\": \"last\"},\n      \"retryOnUnexpectedRestart\": 1", StringComparison.Ordinal));
        var scenario = folder.Write("scenario.json", """{"outcomes": {"1": ["unexpected-restart", 0]}}""");

        var result = Tsorch.Run("simulate", sequence, "--scenario", scenario, "--json");

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        var last = JsonDocument.Parse(result.Output).RootElement.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString() == "Last").ToList();
        last.Select(s => s.GetProperty("attempt").GetInt32()).ShouldBe([1, 2]);
        last[0].GetProperty("reason").GetString().ShouldBe("unexpected-restart-retrying");
    }

    [Fact]
    public void Scenario_facts_decide_device_conditions()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.WithFileCondition);
        var scenario = folder.Write("scenario.json", """{"facts": {"os": "linux", "osVersion": "6.1", "architecture": "x64", "inWinPE": false, "files": ["/etc/marker"], "folders": [], "registry": {}, "installedSoftware": []}, "defaultExitCode": 0}""");

        var result = Tsorch.Run("simulate", sequence, "--scenario", scenario);

        result.Output.ShouldContain("[ok  ] 0        Needs marker");
    }

    [Fact]
    public void Run_task_sequence_children_are_found_beside_the_input_file()
    {
        using var folder = new TempFolder();
        folder.Write("child.tsq.json", Sequences.Child);
        var parent = folder.Write("parent.tsq.json", Sequences.Parent);

        var result = Tsorch.Run("simulate", parent, "--json");

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("Child step");
    }

    [Fact]
    public void Xml_task_sequences_simulate_directly()
    {
        using var folder = new TempFolder();
        var xml = folder.Write("ts.xml", """<sequence version="3.00"><group name="G"><step name="Tattoo"><action>cscript.exe ZTITatoo.wsf</action></step></group></sequence>""");

        var result = Tsorch.Run("simulate", xml);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("Tattoo");
    }

    [Fact]
    public async Task Real_tsorch_process_simulates_a_template_as_json()
    {
        var result = await Tsorch.RunProcessAsync("simulate", Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json"), "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        JsonDocument.Parse(result.Output).RootElement.GetProperty("steps").GetArrayLength().ShouldBe(6);
    }
}
