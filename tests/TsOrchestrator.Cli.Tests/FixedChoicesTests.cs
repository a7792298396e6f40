using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;

namespace TsOrchestrator.Cli.Tests;

/// <summary>
/// Issue 17: an option that takes one of a fixed set of words refuses a wrong one in the console's words, with the words
/// allowed, before anything is sent to a server (none is given here) — never a .NET type name.
/// </summary>
public sealed class FixedChoicesTests
{
    [Theory]
    [InlineData("--purpose", "sometimes", "Available, Required")]
    [InlineData("--rerun", "twice", "NeverRerun, AlwaysRerun, RerunIfFailed, RerunIfSucceeded")]
    [InlineData("--recurrence", "hourly", "None, Daily, Weekly")]
    [InlineData("--available-to", "everyone", "Clients, ClientsMediaAndPxe, MediaAndPxeOnly")]
    public void Wrong_deployment_setting_is_refused_with_the_values_allowed(string option, string value, string allowed)
    {
        var result = Tsorch.Run("deployments", "create", "--sequence", "TS1", "--collection", "COL1", option, value);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith($"tsorch: {option} '{value}': expected one of {allowed}\n");
        result.Error.ShouldContain("see 'tsorch deployments create --help'");
    }

    [Fact]
    public void Wrong_package_type_lists_the_types_instead_of_naming_the_enum()
    {
        var result = Tsorch.Run("content", "create-package", "Tools", "/srv/sources/tools", "--type", "Zip");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("tsorch: --type 'Zip': expected one of Package, OsImage, BootImage, DriverPackage, Application, OsUpgradePackage\n");
        result.Error.ShouldNotContain("TsOrchestrator.");
    }

    [Fact]
    public void Wrong_simulation_profile_lists_the_profiles_on_one_line()
    {
        var result = Tsorch.Run("simulate", "any.tsq.json", "--profile", "mac");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("tsorch: --profile 'mac': expected one of linux, linux-boot-image, windows\n");
    }

    [Fact]
    public void Wrong_run_status_and_template_are_refused_with_the_values_allowed()
    {
        Tsorch.Run("runs", "list", "--status", "Broken").Error.ShouldStartWith(
            "tsorch: --status 'Broken': expected one of NotStarted, Running, Succeeded, Failed, Cancelled, TimedOut\n");
        Tsorch.Run("ts", "create", "--name", "X", "--template", "install").Error.ShouldStartWith(
            "tsorch: --template 'install': expected one of install-os, upgrade-os, build-capture, user-state, custom\n");
    }

    [Fact]
    public void Phase_setting_that_is_not_a_choice_names_the_phase_and_the_values_allowed()
    {
        var result = Tsorch.Run("phased", "create", "--sequence", "TS1", "--phase", "COL1,begin=later", "--phase", "COL2");

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe("tsorch: --phase 'COL1,begin=later': begin 'later': expected one of Automatic, Manual");
    }

    [Fact]
    public void Choices_are_taken_in_any_case_as_the_server_takes_them()
    {
        var parse = CliApp.Build(new CliConsole(TextWriter.Null, TextWriter.Null))
            .Parse(["deployments", "create", "--sequence", "TS1", "--collection", "COL1", "--purpose", "required", "--rerun", "neverrerun"]);

        parse.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Command_line_mistake_under_json_is_a_problem_document_on_stdout()
    {
        var result = Tsorch.Run("deployments", "create", "--sequence", "TS1", "--collection", "COL1", "--purpose", "sometimes", "--json");

        result.ExitCode.ShouldBe(1);
        var problem = JsonDocument.Parse(result.Output).RootElement;
        problem.GetProperty("detail").GetString().ShouldBe("--purpose 'sometimes': expected one of Available, Required");
        problem.GetProperty("help").GetString().ShouldBe("tsorch deployments create --help");
        result.Error.ShouldStartWith("tsorch: --purpose 'sometimes'");
    }
}
