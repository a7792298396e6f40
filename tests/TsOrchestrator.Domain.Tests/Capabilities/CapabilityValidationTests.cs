using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Tests.Validation;
using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Domain.Tests.Capabilities;

public sealed class CapabilityValidationTests
{
    private static readonly TaskSequence Deploy = Build.Sequence(
        Build.Group("Prepare", Build.Step(StepTypeIds.RunShellScript, "Probe", ("Script", "true")), Build.Step(StepTypeIds.EnableBitLocker, "Encrypt")),
        Build.CommandLine("Finish"));

    [Fact]
    public void Validation_for_a_platform_warns_per_step_its_agent_cannot_run_naming_path_step_and_platform()
    {
        var problems = SequenceValidator.Validate(Deploy, profiles: [CapabilityProfiles.Windows]).Problems;

        var warnings = problems.Where(p => p.Field == "type").ToList();
        warnings.Select(p => (p.Path, p.Severity)).ShouldBe([("0/0", ValidationSeverity.Warning), ("0/1", ValidationSeverity.Warning)]);
        warnings[0].Message.ShouldBe("'Probe' at 0/0: step type Run Shell Script (RunShellScript) is not supported on windows full-os");
        warnings[1].Message.ShouldBe("'Encrypt' at 0/1: step type Enable BitLocker (EnableBitLocker) is not supported on windows full-os");
    }

    [Fact]
    public void Validation_of_a_sequence_for_any_platform_warns_only_about_steps_no_agent_runs()
    {
        var warnings = SequenceValidator.Validate(Deploy).Problems.Where(p => p.Field == "type").ToList();

        warnings.Single().Path.ShouldBe("0/1");
        warnings.Single().Message.ShouldContain("no agent on any platform runs Enable BitLocker (EnableBitLocker)");
    }

    [Fact]
    public void Validation_of_a_sequence_limited_to_a_platform_judges_by_that_platforms_agent()
    {
        var limited = Deploy with { Advanced = new AdvancedProperties { RunOnAnyPlatform = false, Platforms = [new SupportedPlatform { Os = "windows" }] } };

        SequenceValidator.Validate(limited).Problems.Where(p => p.Field == "type").Select(p => p.Path).ShouldBe(["0/0", "0/1"]);
    }

    [Fact]
    public void Disabled_steps_and_steps_in_disabled_groups_are_not_judged()
    {
        var sequence = Build.Sequence(
            Build.Step(StepTypeIds.EnableBitLocker, "Encrypt") with { Disabled = true },
            Build.Group("Off", Build.Step(StepTypeIds.EnableBitLocker, "Encrypt")) with { Disabled = true });

        SequenceValidator.Validate(sequence, profiles: [CapabilityProfiles.Linux]).Problems.ShouldNotContain(p => p.Field == "type");
        CapabilityCheck.StepsThatCannotRun(sequence, CapabilityProfiles.Linux).ShouldBeEmpty();
    }

    [Fact]
    public void Device_side_condition_the_agent_cannot_evaluate_is_a_warning()
    {
        var sequence = Build.Sequence(Build.CommandLine().WithCondition(new RegistryCondition { KeyPath = @"HKLM\Software\Contoso" }));

        var warning = SequenceValidator.Validate(sequence, profiles: [CapabilityProfiles.Linux]).Problems.Single(p => p.Field == "condition");

        warning.Message.ShouldBe("'Run' at 0: registry conditions are not supported on linux full-os");
    }

    [Fact]
    public void Step_meant_for_the_boot_image_is_judged_by_the_boot_image_agent()
    {
        var sequence = Build.Sequence(
            Build.Step(StepTypeIds.InstallPackage, "Install", ("PackageID", "PKG00001"), ("ProgramName", "Install")) with { RunIn = StepRunIn.BootImage },
            Build.Step(StepTypeIds.InstallPackage, "Install again", ("PackageID", "PKG00001"), ("ProgramName", "Install")));

        var steps = CapabilityCheck.StepsThatCannotRun(sequence, CapabilityProfiles.Linux);

        steps.Single().ToString().ShouldBe("Install Package (step 0) on linux boot-image");
    }
}
