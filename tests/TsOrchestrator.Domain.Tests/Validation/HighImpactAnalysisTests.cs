using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class HighImpactAnalysisTests
{
    [Fact]
    public void Ordinary_sequence_is_not_high_impact()
    {
        var assessment = HighImpactAnalysis.Analyze(Sequence(CommandLine(), Step(StepTypeIds.InstallApplication, "Apps")));

        assessment.IsHighImpact.ShouldBeFalse();
        assessment.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Flagged_sequence_is_high_impact()
    {
        var assessment = HighImpactAnalysis.Analyze(Sequence() with { UserNotification = new UserNotificationProperties { HighImpact = true } });

        assessment.IsHighImpact.ShouldBeTrue();
        assessment.Flagged.ShouldBeTrue();
    }

    [Theory]
    [InlineData(StepTypeIds.FormatAndPartitionDisk)]
    [InlineData(StepTypeIds.ApplyOperatingSystemImage)]
    [InlineData(StepTypeIds.ApplyDataImage)]
    [InlineData(StepTypeIds.UpgradeOperatingSystem)]
    [InlineData(StepTypeIds.SetupOperatingSystem)]
    public void Sequence_with_an_os_replacing_step_is_high_impact_and_names_the_step(string type)
    {
        var assessment = HighImpactAnalysis.Analyze(Sequence(CommandLine(), Group("Install", Step(type, "Wipe"))));

        assessment.IsHighImpact.ShouldBeTrue();
        assessment.Flagged.ShouldBeFalse();
        assessment.Steps.ShouldBe([new HighImpactStep("1/0", "Wipe", type)]);
    }

    [Fact]
    public void Disabled_steps_and_steps_in_disabled_groups_do_not_make_a_sequence_high_impact()
    {
        var sequence = Sequence(
            Step(StepTypeIds.FormatAndPartitionDisk, "Off") with { Disabled = true },
            Group("Off group", Step(StepTypeIds.ApplyOperatingSystemImage, "Apply")) with { Disabled = true });

        HighImpactAnalysis.Analyze(sequence).IsHighImpact.ShouldBeFalse();
    }

    [Fact]
    public void Every_high_impact_step_is_listed_in_execution_order()
    {
        var sequence = Sequence(
            Step(StepTypeIds.FormatAndPartitionDisk, "Partition"),
            Group("OS", Step(StepTypeIds.ApplyOperatingSystemImage, "Apply"), Step(StepTypeIds.SetupOperatingSystem, "Setup")));

        HighImpactAnalysis.Analyze(sequence).Steps.Select(static s => s.Path).ShouldBe(["0", "1/0", "1/1"]);
    }
}
