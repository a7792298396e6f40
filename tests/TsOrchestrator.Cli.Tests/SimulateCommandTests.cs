using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Tests;

public sealed class SimulateCommandTests
{
    public static TheoryData<string> Templates() => new(Tsorch.Templates.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_simulates_as_the_linux_agent_would_run_it(string template)
    {
        var path = Path.Combine(Tsorch.TemplatesFolder, template);
        var refused = CapabilityCheck.StepsThatCannotRun(NativeFormat.Deserialize(File.ReadAllText(path)), CapabilityProfiles.Linux);

        var result = Tsorch.Run("simulate", path, "--json");

        // Simulate and the real agent agree: a template with a step the Linux agent refuses fails there, with its message.
        var json = JsonDocument.Parse(result.Output).RootElement;
        var failed = json.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "Failed").ToList();
        if (refused.Count == 0)
        {
            result.ExitCode.ShouldBe(0, result.Output + result.Error);
            json.GetProperty("status").GetString().ShouldBe("Succeeded");
        }
        else
        {
            failed.ShouldNotBeEmpty(result.Output);
            failed.ShouldContain(s => refused.Any(r => r.Path == s.GetProperty("path").GetString()) &&
                Reason(s).Contains(CapabilityProfiles.Linux.Refusal(s.GetProperty("type").GetString()), StringComparison.Ordinal));
        }
    }

    public static TheoryData<string> LinuxTemplates() => new(Tsorch.LinuxTemplates.Select(t => Path.GetRelativePath(Tsorch.TemplatesFolder, t)));

    [Theory]
    [MemberData(nameof(LinuxTemplates))]
    public void Every_linux_template_succeeds_as_the_linux_agent_would_run_it(string template)
    {
        var path = Path.Combine(Tsorch.TemplatesFolder, template);

        var result = Tsorch.Run("simulate", path, "--json", "--profile", "linux");

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        json.GetProperty("status").GetString().ShouldBe("Succeeded");
        CapabilityCheck.StepsThatCannotRun(NativeFormat.Deserialize(File.ReadAllText(path)), CapabilityProfiles.Linux).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("install-os.tsq.json", "Install Updates", "InstallSoftwareUpdates", "Failed")]
    [InlineData("build-capture.tsq.json", "Install Updates", "InstallSoftwareUpdates", "Failed")]
    // Its upgrade group continues on error (Configuration Manager's template) into the failure actions.
    [InlineData("upgrade-os.tsq.json", "Upgrade Operating System", "UpgradeOperatingSystem", "Succeeded")]
    public void Windows_template_fails_on_linux_naming_its_windows_only_step(string template, string step, string type, string runStatus)
    {
        var result = Tsorch.Run("simulate", Path.Combine(Tsorch.TemplatesFolder, template), "--json", "--profile", "linux");

        var json = JsonDocument.Parse(result.Output).RootElement;
        json.GetProperty("status").GetString().ShouldBe(runStatus, result.Output + result.Error);
        var failed = json.GetProperty("steps").EnumerateArray()
            .First(s => s.GetProperty("status").GetString() == "Failed");
        failed.GetProperty("name").GetString().ShouldBe(step);
        Reason(failed).ShouldContain($"({type}) is not supported on linux full-os");
    }

    [Fact]
    public void Simulate_with_the_windows_profile_fails_a_shell_script_step_with_the_agents_message()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", """
            {"formatVersion": 1, "id": "CAP00001", "name": "Caps", "nodes": [
              {"kind": "step", "name": "Probe", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        var linux = Tsorch.Run("simulate", sequence, "--json");
        var windows = Tsorch.Run("simulate", sequence, "--json", "--profile", "windows");

        linux.ExitCode.ShouldBe(0, linux.Output + linux.Error);
        windows.ExitCode.ShouldBe(3, windows.Output + windows.Error);
        var step = JsonDocument.Parse(windows.Output).RootElement.GetProperty("steps")[0];
        step.GetProperty("status").GetString().ShouldBe("Failed");
        Reason(step).ShouldContain("step type Run Shell Script (RunShellScript) is not supported on windows full-os");
    }

    [Fact]
    public void Outcome_for_a_step_name_the_sequence_does_not_have_is_an_error()
    {
        using var folder = new TempFolder();
        var sequence = folder.Write("s.tsq.json", Sequences.Small);
        var scenario = folder.Write("scenario.json", """{"outcomes": {"Frist": [1]}}""");

        var result = Tsorch.Run("simulate", sequence, "--scenario", scenario);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldContain("outcomes: no step of the sequence is named or at path 'Frist'");
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

        result.Output.ShouldContain("  [ok  ] Needs marker");
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
    public async Task Real_tsorch_process_simulates_a_template_as_json_failing_where_the_linux_agent_refuses()
    {
        var result = await Tsorch.RunProcessAsync("simulate", Path.Combine(Tsorch.TemplatesFolder, "build-capture.tsq.json"), "--json");

        result.ExitCode.ShouldBe(3, result.Error);
        JsonDocument.Parse(result.Output).RootElement.GetProperty("steps").EnumerateArray()
            .ShouldContain(s => Reason(s).Contains("is not supported on linux full-os", StringComparison.Ordinal));
    }

    private static string Reason(JsonElement step) =>
        step.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "";
}
