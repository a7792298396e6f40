using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class ContentReferenceRulesTests
{
    private static StepNode ApplyOs(string imageId) => Step(StepTypeIds.ApplyOperatingSystemImage, "Apply Operating System", ("ImagePackageID", imageId));

    private static ValidationResult Validate(TaskSequence sequence, params (string Id, ContentKind Kind)[] content) =>
        SequenceValidator.Validate(sequence, content: new DictionaryContent(content));

    [Fact]
    public void Image_the_site_does_not_have_is_an_error_on_the_step_setting_in_the_console_words()
    {
        var result = Validate(Sequence(ApplyOs("PKG00042")));

        result.ShouldHaveError("0", "settings.ImagePackageID").Message.ShouldBe("Apply Operating System: the OS image 'PKG00042' does not exist on the site");
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Package_where_an_os_image_belongs_is_an_error_naming_both_kinds()
    {
        var result = Validate(Sequence(ApplyOs("PKG00042")), ("PKG00042", ContentKind.Package));

        result.ShouldHaveError("0", "settings.ImagePackageID").Message.ShouldBe("Apply Operating System: 'PKG00042' is a package, not an OS image");
    }

    [Fact]
    public void References_of_the_right_kind_are_no_problem()
    {
        var sequence = Sequence(
            ApplyOs("IMG1"),
            Step(StepTypeIds.ApplyDriverPackage, "Drivers", ("DriverPackageID", "DRV1")),
            Step(StepTypeIds.InstallApplication, "Apps", ("ApplicationName", "APP1, APP2")),
            Step(StepTypeIds.DownloadPackageContent, "Download", ("DownloadPackages", "IMG1;DRV1 PKG1"))) with
        {
            Advanced = new AdvancedProperties { BootImageId = "BOOT1", RunAnotherProgramFirst = new RunFirstProgram { PackageId = "PKG1", ProgramName = "Setup" } },
        };

        var result = Validate(sequence,
            ("IMG1", ContentKind.OperatingSystemImage), ("DRV1", ContentKind.DriverPackage), ("APP1", ContentKind.Application),
            ("APP2", ContentKind.Application), ("PKG1", ContentKind.Package), ("BOOT1", ContentKind.BootImage));

        result.Problems.Where(p => p.Severity == ValidationSeverity.Error).ShouldBeEmpty(string.Join("; ", result.Problems));
    }

    [Fact]
    public void Each_missing_id_of_a_list_is_reported_and_an_application_is_not_package_content()
    {
        var result = Validate(Sequence(Step(StepTypeIds.DownloadPackageContent, "Download", ("DownloadPackages", "PKG1, APP1, PKGNONE"))),
            ("PKG1", ContentKind.Package), ("APP1", ContentKind.Application));

        result.Errors.Where(p => p.Field == "settings.DownloadPackages").Select(p => p.Message).ShouldBe(
        [
            "Download: 'APP1' is an application, not a package",
            "Download: the package 'PKGNONE' does not exist on the site",
        ]);
    }

    [Fact]
    public void Boot_image_and_the_program_run_first_are_checked_on_the_properties()
    {
        var sequence = Sequence() with
        {
            Advanced = new AdvancedProperties { BootImageId = "PKG1", RunAnotherProgramFirst = new RunFirstProgram { PackageId = "PKGNONE", ProgramName = "Setup" } },
        };

        var result = Validate(sequence, ("PKG1", ContentKind.Package));

        result.ShouldHaveError("", "advanced.bootImageId").Message.ShouldBe("Properties: 'PKG1' is a package, not a boot image");
        result.ShouldHaveError("", "advanced.runAnotherProgramFirst.packageId").Message.ShouldBe("Run another program first: the package 'PKGNONE' does not exist on the site");
    }

    [Fact]
    public void Variable_references_are_only_known_at_run_time_and_are_not_looked_up()
    {
        var result = Validate(Sequence(ApplyOs("%OSIMAGE%"), Step(StepTypeIds.DownloadPackageContent, "Download", ("DownloadPackages", "%PKG1%,%PKG2%"))));

        result.Errors.ShouldBeEmpty(string.Join("; ", result.Problems));
    }

    [Fact]
    public void An_image_path_the_linux_agent_applies_from_is_not_looked_up_as_a_site_id()
    {
        var result = Validate(Sequence(ApplyOs("/srv/images/system.tar.zst"), ApplyOs(@"\\server\images\system.wim")));

        result.Errors.ShouldBeEmpty(string.Join("; ", result.Problems));
    }

    [Fact]
    public void Without_a_content_lookup_references_are_not_checked()
    {
        SequenceValidator.Validate(Sequence(ApplyOs("PKG00042"))).ShouldHaveNoProblemAt("0", "settings.ImagePackageID");
    }

    [Fact]
    public void Child_sequences_are_left_to_the_child_sequence_rule()
    {
        var result = Validate(Sequence(RunSequence("TS200001")));

        result.ShouldHaveNoProblemAt("0", "settings.TsPackageID");
    }
}
