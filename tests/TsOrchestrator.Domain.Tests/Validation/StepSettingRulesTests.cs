using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class StepSettingRulesTests
{
    [Fact]
    public void Unknown_step_type_is_an_error_naming_the_type()
    {
        var result = SequenceValidator.Validate(Sequence(Step("LaunchRockets")));

        result.ShouldHaveError("0", "type").Message.ShouldContain("LaunchRockets");
    }

    [Fact]
    public void Required_setting_that_is_missing_is_an_error()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.RunCommandLine, "Run")));

        result.ShouldHaveError("0", "settings.CommandLine").Message.ShouldContain("Command line");
    }

    [Fact]
    public void Required_setting_that_is_blank_is_an_error()
    {
        SequenceValidator.Validate(Sequence(CommandLine(commandLine: "  "))).ShouldHaveError("0", "settings.CommandLine");
    }

    [Fact]
    public void Required_setting_holding_a_variable_reference_is_fine()
    {
        SequenceValidator.Validate(Sequence(CommandLine(commandLine: "%InstallCommand%"))).ShouldHaveNoProblems();
    }

    [Fact]
    public void Install_package_with_a_dynamic_list_needs_no_package_or_program_but_without_one_needs_both()
    {
        var list = SequenceValidator.Validate(Sequence(Step(StepTypeIds.InstallPackage, "Install the list", ("BaseVariableName", "APPS"))));
        var single = SequenceValidator.Validate(Sequence(Step(StepTypeIds.InstallPackage, "Install one", ("BaseVariableName", " "))));

        list.ShouldHaveNoProblemAt("0", "settings.PackageID");
        list.ShouldHaveNoProblemAt("0", "settings.ProgramName");
        single.ShouldHaveError("0", "settings.PackageID");
        single.ShouldHaveError("0", "settings.ProgramName");
    }

    [Fact]
    public void Required_setting_with_a_catalog_default_may_be_left_out()
    {
        // Format and Partition Disk's DiskIndex is required but defaults to disk 0.
        SequenceValidator.Validate(Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition"))).ShouldHaveNoProblems();
        SequenceValidator.Validate(Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition", ("DiskIndex", ""))))
            .ShouldHaveError("0", "settings.DiskIndex");
    }

    [Fact]
    public void Choice_setting_must_be_one_of_its_choices()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition", ("PartitionStyle", "APM"))));

        result.ShouldHaveError("0", "settings.PartitionStyle").Message.ShouldContain("GPT, MBR");
    }

    [Theory]
    [InlineData("MBR")]
    [InlineData("mbr")]
    [InlineData("%PartitionStyle%")]
    public void Choice_setting_accepts_a_choice_in_any_case_or_a_variable_reference(string value)
    {
        SequenceValidator.Validate(Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition", ("PartitionStyle", value))))
            .ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("1.5", false)]
    [InlineData("12", true)]
    [InlineData("-3", true)]
    [InlineData("%Disk%", true)]
    public void Number_setting_must_be_a_whole_number(string value, bool valid)
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.FormatAndPartitionDisk, "Partition", ("DiskIndex", value))));

        if (valid)
        {
            result.ShouldHaveNoProblems();
        }
        else
        {
            result.ShouldHaveError("0", "settings.DiskIndex").Message.ShouldContain(value);
        }
    }

    [Theory]
    [InlineData("yes", false)]
    [InlineData("1", false)]
    [InlineData("true", true)]
    [InlineData("FALSE", true)]
    [InlineData("True", true)]
    public void Boolean_setting_must_be_true_or_false_in_any_case(string value, bool valid)
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.RunCommandLine, "Run", ("CommandLine", "x"), ("DisableWow64Redirection", value))));

        if (valid)
        {
            result.ShouldHaveNoProblems();
        }
        else
        {
            result.ShouldHaveError("0", "settings.DisableWow64Redirection");
        }
    }

    [Fact]
    public void Variable_name_setting_must_be_a_valid_name()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.RunCommandLine, "Run", ("CommandLine", "x"), ("OutputVariableName", "my output"))));

        result.ShouldHaveError("0", "settings.OutputVariableName");
    }

    [Fact]
    public void Unknown_setting_name_is_a_warning()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.RunCommandLine, "Run", ("CommandLine", "x"), ("Colour", "blue"))));

        result.ShouldHaveWarning("0", "settings.Colour").Message.ShouldContain("Run Command Line");
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Imported_step_accepts_any_setting_name()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.ImportedStep, "Gather", ("OriginalType", "BDD_Gather"), ("GatherLocalOnly", "true"))));

        result.ShouldHaveNoProblems();
    }

    [Fact]
    public void Setting_names_differing_only_in_case_are_an_error()
    {
        var step = CommandLine() with
        {
            Settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["CommandLine"] = "a", ["commandline"] = "b" },
        };

        SequenceValidator.Validate(Sequence(step)).ShouldHaveError("0", "settings.commandline").Message.ShouldContain("twice");
    }

    [Fact]
    public void Setting_names_are_matched_case_insensitively()
    {
        var step = CommandLine() with { Settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["commandLINE"] = "a" } };

        SequenceValidator.Validate(Sequence(step)).ShouldHaveNoProblems();
    }

    [Fact]
    public void Password_holding_the_placeholder_must_be_re_entered()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.ConnectToNetworkFolder, "Map",
            ("Path", @"\\server\share"), ("DriveLetter", "Z:"), ("Username", @"CONTOSO\svc"), ("Password", "********"))));

        result.ShouldHaveWarning("0", "settings.Password").Message.ShouldContain("password must be re-entered");
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Password_stripped_while_its_account_is_set_must_be_re_entered()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.JoinDomainOrWorkgroup, "Join",
            ("Type", "1"), ("DomainName", "contoso.com"), ("DomainUsername", @"CONTOSO\join"))));

        result.ShouldHaveWarning("0", "settings.DomainPassword").Message.ShouldContain(@"CONTOSO\join");
    }

    [Fact]
    public void Run_as_password_is_only_needed_when_run_as_is_on()
    {
        var off = Step(StepTypeIds.RunCommandLine, "Run", ("CommandLine", "x"), ("UserName", "admin"), ("RunAsUser", "false"));
        var on = Step(StepTypeIds.RunCommandLine, "Run", ("CommandLine", "x"), ("UserName", "admin"), ("RunAsUser", "true"));

        SequenceValidator.Validate(Sequence(off)).ShouldHaveNoProblems();
        SequenceValidator.Validate(Sequence(on)).ShouldHaveWarning("0", "settings.UserPassword");
    }

    [Fact]
    public void Password_without_an_account_is_not_flagged_when_empty_even_beside_a_user_name_setting()
    {
        // Regression: RegisteredUserName (the licensed user's name) was taken for the admin password's account.
        var step = Step(StepTypeIds.ApplyWindowsSettings, "Settings", ("RegisteredUserName", "User"), ("RegisteredOrgName", "Org"));

        SequenceValidator.Validate(Sequence(step)).ShouldHaveNoProblems();
    }

    [Fact]
    public void Password_that_is_set_is_not_flagged()
    {
        var step = Step(StepTypeIds.JoinDomainOrWorkgroup, "Join", ("DomainUsername", @"CONTOSO\join"), ("DomainPassword", "s3cret"));

        SequenceValidator.Validate(Sequence(step)).ShouldHaveNoProblems();
    }

    [Fact]
    public void Set_variable_name_must_be_a_valid_user_name()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.SetTaskSequenceVariable, "Set", ("VariableName", "1stDisk"), ("VariableValue", "x"))));

        result.ShouldHaveError("0", "settings.VariableName").Message.ShouldContain("1stDisk");
    }

    [Fact]
    public void Set_variable_may_not_set_a_read_only_underscore_variable()
    {
        var result = SequenceValidator.Validate(Sequence(Step(StepTypeIds.SetTaskSequenceVariable, "Set", ("VariableName", "_SMSTSLastActionSucceeded"), ("VariableValue", "true"))));

        result.ShouldHaveError("0", "settings.VariableName").Message.ShouldContain("read-only");
    }

    [Fact]
    public void Set_variable_of_a_user_name_is_fine()
    {
        SequenceValidator.Validate(Sequence(Step(StepTypeIds.SetTaskSequenceVariable, "Set", ("VariableName", "OSDComputerName"), ("VariableValue", "PC-01"))))
            .ShouldHaveNoProblems();
    }
}
