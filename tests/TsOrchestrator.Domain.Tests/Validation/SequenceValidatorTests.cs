using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class SequenceValidatorTests
{
    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var sequence = Sequence(
            CommandLine(name: ""),
            Group("Setup",
                Step("NoSuchStep", "Mystery"),
                Step(StepTypeIds.RunCommandLine, "No command") with { TimeoutMinutes = 0 },
                CommandLine().WithCondition(Variable("Model", value: null)))) with
        {
            Name = "",
            Advanced = new AdvancedProperties { MaximumRunTimeMinutes = -1 },
        };

        var result = SequenceValidator.Validate(sequence);

        result.Problems.Select(static p => (p.Path, p.Field)).ShouldBe(
        [
            ("", "name"),
            ("", "advanced.maximumRunTimeMinutes"),
            ("0", "name"),
            ("1/0", "type"),
            ("1/1", "timeoutMinutes"),
            ("1/1", "settings.CommandLine"),
            ("1/2", "condition.value"),
        ], ignoreOrder: true);
        result.Errors.Count().ShouldBe(7);
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Warnings_alone_leave_a_sequence_valid()
    {
        var result = SequenceValidator.Validate(Sequence(CommandLine(name: new string('w', 60))));

        result.Warnings.ShouldHaveSingleItem();
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_realistic_deployment_sequence_is_valid()
    {
        var sequence = Sequence(
            Group("Capture",
                Step(StepTypeIds.CaptureUserState, "Capture files")) with { Condition = Variable("_SMSTSInWinPE", value: "false") },
            Group("Install",
                Step(StepTypeIds.FormatAndPartitionDisk, "Partition", ("DiskIndex", "0"), ("PartitionStyle", "GPT")),
                Step(StepTypeIds.ApplyOperatingSystemImage, "Apply", ("ImagePackageID", "PS100002"), ("ImageIndex", "3")),
                Step(StepTypeIds.SetupOperatingSystem, "Setup"),
                Step(StepTypeIds.RestartComputer, "Restart", ("Target", "HD"))) with { ContinueOnError = false },
            Group("Try", CommandLine("Optional tool")) with { ContinueOnError = true },
            Group("Catch", CommandLine("Report")) with
            {
                Condition = IfStatement.AllOf(Variable("_SMSTSLastActionSucceeded", value: "false"), new OsVersionCondition { Platform = "windows", Version = "10.0" }),
            }) with
        {
            Description = "Wipe and load",
            Variables = new Dictionary<string, string> { ["OSDComputerName"] = "" },
        };

        SequenceValidator.Validate(sequence).ShouldHaveNoProblems();
    }
}
