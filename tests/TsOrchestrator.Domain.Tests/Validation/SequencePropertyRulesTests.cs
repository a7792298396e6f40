using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class SequencePropertyRulesTests
{
    [Fact]
    public void A_plain_valid_sequence_has_no_problems()
    {
        var result = SequenceValidator.Validate(Sequence());

        result.ShouldHaveNoProblems();
        result.IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Sequence_name_is_required(string name)
    {
        var result = SequenceValidator.Validate(Sequence() with { Name = name });

        result.ShouldHaveError("", "name");
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Sequence_name_longer_than_100_characters_is_an_error()
    {
        SequenceValidator.Validate(Sequence() with { Name = new string('n', 101) })
            .ShouldHaveError("", "name").Message.ShouldContain("100");
        SequenceValidator.Validate(Sequence() with { Name = new string('n', 100) }).ShouldHaveNoProblems();
    }

    [Fact]
    public void Sequence_description_longer_than_255_characters_is_an_error()
    {
        SequenceValidator.Validate(Sequence() with { Description = new string('d', 256) }).ShouldHaveError("", "description");
        SequenceValidator.Validate(Sequence() with { Description = new string('d', 255) }).ShouldHaveNoProblems();
    }

    [Fact]
    public void Sequence_id_is_required()
    {
        SequenceValidator.Validate(Sequence() with { Id = "" }).ShouldHaveError("", "id");
    }

    [Fact]
    public void Negative_maximum_run_time_is_an_error_and_zero_means_no_limit()
    {
        SequenceValidator.Validate(Sequence() with { Advanced = new AdvancedProperties { MaximumRunTimeMinutes = -1 } })
            .ShouldHaveError("", "advanced.maximumRunTimeMinutes");
        SequenceValidator.Validate(Sequence() with { Advanced = new AdvancedProperties { MaximumRunTimeMinutes = 0 } })
            .ShouldHaveNoProblems();
    }

    [Fact]
    public void Restricting_platforms_needs_at_least_one_platform()
    {
        var result = SequenceValidator.Validate(Sequence() with { Advanced = new AdvancedProperties { RunOnAnyPlatform = false } });

        result.ShouldHaveError("", "advanced.platforms");
    }

    [Fact]
    public void Platform_os_must_be_windows_linux_or_macos()
    {
        var advanced = new AdvancedProperties
        {
            RunOnAnyPlatform = false,
            Platforms = [new SupportedPlatform { Os = "windows" }, new SupportedPlatform { Os = "beos" }, new SupportedPlatform { Os = "macOS", Architecture = "arm64" }],
        };

        var result = SequenceValidator.Validate(Sequence() with { Advanced = advanced });

        result.ShouldHaveError("", "advanced.platforms[1].os").Message.ShouldContain("beos");
        result.Problems.Count.ShouldBe(1);
    }

    [Fact]
    public void Platform_architecture_when_given_must_be_x64_x86_or_arm64()
    {
        var advanced = new AdvancedProperties { RunOnAnyPlatform = false, Platforms = [new SupportedPlatform { Os = "linux", Architecture = "sparc" }] };

        SequenceValidator.Validate(Sequence() with { Advanced = advanced }).ShouldHaveError("", "advanced.platforms[0].architecture");
    }

    [Fact]
    public void Run_another_program_first_needs_package_and_program()
    {
        var advanced = new AdvancedProperties { RunAnotherProgramFirst = new RunFirstProgram { PackageId = "", ProgramName = " " } };

        var result = SequenceValidator.Validate(Sequence() with { Advanced = advanced });

        result.ShouldHaveError("", "advanced.runAnotherProgramFirst.packageId");
        result.ShouldHaveError("", "advanced.runAnotherProgramFirst.programName");
    }

    [Fact]
    public void Custom_notification_text_is_only_allowed_when_high_impact()
    {
        var notification = CompleteCustomText() with { HighImpact = false };

        SequenceValidator.Validate(Sequence() with { UserNotification = notification })
            .ShouldHaveError("", "userNotification.useCustomText");
        SequenceValidator.Validate(Sequence() with { UserNotification = notification with { HighImpact = true } })
            .ShouldHaveNoProblems();
    }

    [Fact]
    public void Custom_notification_text_is_allowed_when_steps_make_the_sequence_high_impact()
    {
        var sequence = Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition")) with
        {
            UserNotification = CompleteCustomText() with { HighImpact = false },
        };

        SequenceValidator.Validate(sequence).ShouldHaveNoProblems();
    }

    [Fact]
    public void Custom_notification_text_requires_all_four_texts()
    {
        var notification = new UserNotificationProperties { HighImpact = true, UseCustomText = true, Headline = "Reinstall", Message2 = "" };

        var result = SequenceValidator.Validate(Sequence() with { UserNotification = notification });

        result.ShouldHaveNoProblemAt("", "userNotification.headline");
        result.ShouldHaveError("", "userNotification.message1");
        result.ShouldHaveError("", "userNotification.message2");
        result.ShouldHaveError("", "userNotification.message3");
    }

    [Fact]
    public void Notification_texts_longer_than_255_characters_are_errors()
    {
        var notification = CompleteCustomText() with { Message3 = new string('m', 256) };

        SequenceValidator.Validate(Sequence() with { UserNotification = notification })
            .ShouldHaveError("", "userNotification.message3").Message.ShouldContain("255");
    }

    [Fact]
    public void Software_center_numbers_must_not_be_negative()
    {
        var result = SequenceValidator.Validate(Sequence() with
        {
            SoftwareCenter = new SoftwareCenterProperties { DownloadSizeMb = -1, EstimatedRunTimeMinutes = -5 },
        });

        result.ShouldHaveError("", "softwareCenter.downloadSizeMb");
        result.ShouldHaveError("", "softwareCenter.estimatedRunTimeMinutes");
    }

    [Fact]
    public void Sequence_variable_names_must_be_valid()
    {
        var result = SequenceValidator.Validate(Sequence() with
        {
            Variables = new Dictionary<string, string> { ["OSDComputerName"] = "PC1", ["Bad Name"] = "x", ["%Ref%"] = "y" },
        });

        result.ShouldHaveError("", "variables.Bad Name");
        result.ShouldHaveError("", "variables.%Ref%");
        result.ShouldHaveNoProblemAt("", "variables.OSDComputerName");
    }

    [Fact]
    public void Seeding_a_read_only_underscore_variable_is_a_warning()
    {
        var result = SequenceValidator.Validate(Sequence() with { Variables = new Dictionary<string, string> { ["_SMSTSMachineName"] = "PC1" } });

        result.ShouldHaveWarning("", "variables._SMSTSMachineName").Message.ShouldContain("read-only");
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Sequence_variable_values_longer_than_4000_characters_are_errors()
    {
        var result = SequenceValidator.Validate(Sequence() with
        {
            Variables = new Dictionary<string, string> { ["Long"] = new string('v', 4001), ["Fits"] = new string('v', 4000) },
        });

        result.ShouldHaveError("", "variables.Long").Message.ShouldContain("4000");
        result.ShouldHaveNoProblemAt("", "variables.Fits");
    }

    [Fact]
    public void Sequence_variable_names_differing_only_in_case_are_an_error()
    {
        // A case-sensitive dictionary built in code would write a file the native reader refuses.
        var result = SequenceValidator.Validate(Sequence() with
        {
            Variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["Target"] = "a", ["TARGET"] = "b" },
        });

        result.ShouldHaveError("", "variables.TARGET").Message.ShouldContain("twice");
    }

    private static UserNotificationProperties CompleteCustomText() => new()
    {
        HighImpact = true,
        UseCustomText = true,
        Headline = "This reinstalls your computer",
        Message1 = "Save your work.",
        Message2 = "It takes about an hour.",
        Message3 = "Call the help desk with questions.",
    };
}
