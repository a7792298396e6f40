using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Format and Partition Disk's numbered partition settings (Partitions&lt;N&gt;Size ...), checked as a family.</summary>
public sealed class NumberedSettingRulesTests
{
    private static StepNode Partitioning(params (string Name, string Value)[] settings) => Step(StepTypeIds.FormatAndPartitionDisk, "Partition", settings);

    [Fact]
    public void Partition_settings_of_a_configuration_manager_layout_are_known_settings()
    {
        var step = Partitioning(
            ("DiskIndex", "0"), ("PartitionStyle", "GPT"), ("Partitions", "3"),
            ("Partitions0Type", "EFI"), ("Partitions0FileSystem", "FAT32"), ("Partitions0Size", "200"), ("Partitions0SizeUnits", "MB"), ("Partitions0QuickFormat", "True"),
            ("Partitions1Type", "MSR"), ("Partitions1Size", "128"), ("Partitions1SizeUnits", "MB"), ("Partitions1FileSystem", ""),
            ("Partitions2Type", "Primary"), ("Partitions2FileSystem", "ext4"), ("Partitions2Size", "100"), ("Partitions2SizeUnits", "%"),
            ("Partitions2VolumeName", "root"), ("Partitions2VolumeLetterVariable", "OSDisk"), ("Partitions2Bootable", "false"), ("partitions2assignvolumeletter", "False"));

        SequenceValidator.Validate(Sequence(step)).ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData("Partitions0Size", "big", "'big' is not a whole number")]
    [InlineData("Partitions0SizeUnits", "TB", "'TB' is not one of MB, GB, Percent, %, Remaining")]
    [InlineData("Partitions0FileSystem", "btrfs", "'btrfs' is not one of NTFS, FAT32, FAT, vfat, ext4, xfs, None")]
    [InlineData("Partitions0QuickFormat", "sure", "'sure' is not true or false")]
    [InlineData("Partitions0VolumeLetterVariable", "OS Disk", "'OS Disk' is not a valid variable name (letters, digits, _ and -)")]
    public void Partition_setting_of_the_wrong_kind_is_an_error_naming_the_numbered_setting(string name, string value, string message)
    {
        var result = SequenceValidator.Validate(Sequence(Partitioning(("Partitions", "1"), (name, value))));

        result.ShouldHaveError("0", $"settings.{name}").Message.ShouldBe(message);
    }

    [Fact]
    public void Partition_setting_past_the_partition_count_is_a_warning_that_the_step_never_reads_it()
    {
        var result = SequenceValidator.Validate(Sequence(Partitioning(("Partitions", "2"), ("Partitions1Size", "10"), ("Partitions2Size", "10"))));

        result.ShouldHaveNoProblemAt("0", "settings.Partitions1Size");
        result.ShouldHaveWarning("0", "settings.Partitions2Size").Message.ShouldBe("partition 2 is past the count (Partitions = 2, numbered from 0): the step never reads it");
    }

    [Fact]
    public void Partition_index_past_the_most_partitions_is_an_error()
    {
        SequenceValidator.Validate(Sequence(Partitioning(("Partitions128Size", "10"))))
            .ShouldHaveError("0", "settings.Partitions128Size").Message.ShouldBe("partition 128 is past the most Format and Partition Disk takes (128, numbered from 0)");
    }

    [Fact]
    public void Unknown_member_of_the_partition_family_is_an_unknown_setting_that_lists_the_members()
    {
        var warning = SequenceValidator.Validate(Sequence(Partitioning(("Partitions0Colour", "blue")))).ShouldHaveWarning("0", "settings.Partitions0Colour");

        warning.Message.ShouldStartWith("'Partitions0Colour' is not a setting of Format and Partition Disk (a partition's settings are Partitions<N>Size, Partitions<N>SizeUnits,");
    }

    [Theory]
    [InlineData("PartitionsSize")]
    [InlineData("Partitions0")]
    [InlineData("Partition0Size")]
    public void Names_not_of_the_family_shape_stay_unknown_settings(string name)
    {
        SequenceValidator.Validate(Sequence(Partitioning((name, "1")))).ShouldHaveWarning("0", $"settings.{name}").Message.ShouldBe($"'{name}' is not a setting of Format and Partition Disk");
    }

    [Fact]
    public void Partition_setting_holding_a_variable_reference_is_not_judged_by_kind()
    {
        SequenceValidator.Validate(Sequence(Partitioning(("Partitions", "1"), ("Partitions0Size", "%RootSize%")))).ShouldHaveNoProblems();
    }

    [Fact]
    public void Drive_letter_assignment_has_no_meaning_on_linux_when_on()
    {
        var step = Partitioning(("Partitions", "1"), ("Partitions0AssignVolumeLetter", "true"));

        SequenceValidator.Validate(Sequence(step), profiles: [CapabilityProfiles.LinuxBootImage])
            .ShouldHaveWarning("0", "settings.Partitions0AssignVolumeLetter").Message.ShouldContain("Linux has no drive letters");
        SequenceValidator.Validate(Sequence(step), profiles: [CapabilityProfiles.Windows]).ShouldHaveNoProblemAt("0", "settings.Partitions0AssignVolumeLetter");
    }

    [Fact]
    public void Partition_count_that_is_not_a_number_is_an_error()
    {
        SequenceValidator.Validate(Sequence(Partitioning(("Partitions", "two")))).ShouldHaveError("0", "settings.Partitions").Message.ShouldBe("'two' is not a whole number");
    }
}
