using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Settings with no Linux meaning: required and silent for Windows (Configuration Manager's rules), optional and warned about for Linux.</summary>
public sealed class PlatformSettingRulesTests
{
    private static readonly StepNode SettingsWithoutRegistration = Step(StepTypeIds.ApplyWindowsSettings, "Settings", ("ComputerName", "lab-01"), ("TimeZone", "UTC"));

    private static readonly StepNode SettingsWithProductKey = Step(StepTypeIds.ApplyWindowsSettings, "Settings",
        ("RegisteredUserName", "Lab"), ("RegisteredOrgName", "Contoso"), ("ProductKey", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"));

    private static TaskSequence LimitedTo(string os, params TaskSequenceNode[] nodes) =>
        Sequence(nodes) with { Advanced = new AdvancedProperties { RunOnAnyPlatform = false, Platforms = [new SupportedPlatform { Os = os }] } };

    [Fact]
    public void Validation_for_windows_requires_registered_user_and_organization_as_configuration_manager_does()
    {
        var result = SequenceValidator.Validate(Sequence(SettingsWithoutRegistration), profiles: [CapabilityProfiles.Windows]);

        result.ShouldHaveError("0", "settings.RegisteredUserName").Message.ShouldBe("User name is required");
        result.ShouldHaveError("0", "settings.RegisteredOrgName").Message.ShouldBe("Organization name is required");
    }

    [Theory]
    [InlineData(CapabilityProfiles.LinuxName)]
    [InlineData(CapabilityProfiles.LinuxBootImageName)]
    public void Validation_for_linux_does_not_require_settings_that_have_no_linux_meaning(string profile)
    {
        var result = SequenceValidator.Validate(Sequence(SettingsWithoutRegistration), profiles: [CapabilityProfiles.Find(profile)!]);

        result.Problems.Where(p => p.Severity == ValidationSeverity.Error).ShouldBeEmpty(string.Join("; ", result.Problems));
        result.ShouldHaveNoProblemAt("0", "settings.RegisteredUserName");
    }

    [Fact]
    public void Validation_for_linux_warns_per_setting_that_is_set_but_has_no_linux_meaning()
    {
        var result = SequenceValidator.Validate(Sequence(SettingsWithProductKey), profiles: [CapabilityProfiles.LinuxBootImage]);

        result.ShouldHaveWarning("0", "settings.RegisteredUserName").Message.ShouldBe("User name has no meaning on Linux: Linux keeps no registered user name: ignored on Linux");
        result.ShouldHaveWarning("0", "settings.RegisteredOrgName");
        result.ShouldHaveWarning("0", "settings.ProductKey").Message.ShouldBe("Product key has no meaning on Linux: a Windows product key: ignored on Linux");
        result.ShouldHaveNoProblemAt("0", "settings.TimeZone");
    }

    [Fact]
    public void Validation_for_windows_says_nothing_of_linux_meaning()
    {
        var result = SequenceValidator.Validate(Sequence(SettingsWithProductKey), profiles: [CapabilityProfiles.Windows]);

        result.Problems.Where(p => p.Field.StartsWith("settings.", StringComparison.Ordinal)).ShouldBeEmpty(string.Join("; ", result.Problems));
    }

    [Fact]
    public void Sequence_limited_to_linux_is_validated_by_linux_rules_without_a_named_platform()
    {
        var missing = SequenceValidator.Validate(LimitedTo("linux", SettingsWithoutRegistration));
        var set = SequenceValidator.Validate(LimitedTo("linux", SettingsWithProductKey));

        missing.Problems.Where(p => p.Severity == ValidationSeverity.Error).ShouldBeEmpty(string.Join("; ", missing.Problems));
        set.ShouldHaveWarning("0", "settings.ProductKey");
    }

    [Fact]
    public void Sequence_for_any_platform_or_for_windows_keeps_configuration_manager_rules_without_a_named_platform()
    {
        SequenceValidator.Validate(Sequence(SettingsWithoutRegistration)).ShouldHaveError("0", "settings.RegisteredUserName");
        SequenceValidator.Validate(LimitedTo("windows", SettingsWithoutRegistration)).ShouldHaveError("0", "settings.RegisteredUserName");
        SequenceValidator.Validate(Sequence(SettingsWithProductKey)).ShouldHaveNoProblemAt("0", "settings.ProductKey");
    }

    [Fact]
    public void Validation_for_linux_and_windows_together_keeps_the_windows_requirements()
    {
        var result = SequenceValidator.Validate(Sequence(SettingsWithoutRegistration), profiles: [CapabilityProfiles.Linux, CapabilityProfiles.Windows]);

        result.ShouldHaveError("0", "settings.RegisteredUserName");
    }

    [Fact]
    public void Windows_only_readiness_check_that_is_on_is_warned_about_for_linux_and_one_that_is_off_is_not()
    {
        var step = Step(StepTypeIds.CheckReadiness, "Ready?", ("CheckTPM", "true"), ("CheckOSType", "false"), ("CheckMemory", "true"));

        var linux = SequenceValidator.Validate(Sequence(step), profiles: [CapabilityProfiles.LinuxBootImage]);

        linux.ShouldHaveWarning("0", "settings.CheckTPM").Message.ShouldContain("the step fails on Linux while it is on");
        linux.ShouldHaveNoProblemAt("0", "settings.CheckOSType");
        SequenceValidator.Validate(Sequence(step), profiles: [CapabilityProfiles.Windows]).ShouldHaveNoProblemAt("0", "settings.CheckTPM");
    }
}
