using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Tests.Catalog;

public sealed class StepCatalogTests
{
    /// <summary>Every step TS-SEMANTICS.md and the foundation issue list, by display name.</summary>
    public static TheoryData<string> RequiredSteps => new()
    {
        "Run Command Line", "Run PowerShell Script", "Run Shell Script", "Set Task Sequence Variable", "Set Dynamic Variables",
        "Restart Computer", "Install Package", "Install Application", "Install Software Updates", "Download Package Content",
        "Apply Operating System Image", "Apply Driver Package", "Auto Apply Drivers", "Format and Partition Disk",
        "Capture User State", "Restore User State", "Request State Store", "Release State Store",
        "Capture Operating System Image", "Prepare Windows for Capture", "Join Domain or Workgroup", "Connect To Network Folder",
        "Run Task Sequence", "Check Readiness", "Upgrade Operating System", "Setup Operating System", "Enable BitLocker",
        "Disable BitLocker", "Apply Network Settings", "Apply Windows Settings", "Apply Data Image",
    };

    [Theory]
    [MemberData(nameof(RequiredSteps))]
    public void Catalog_describes_every_step_of_the_semantics(string displayName)
    {
        StepCatalog.All.ShouldContain(d => d.DisplayName == displayName);
    }

    [Fact]
    public void Type_ids_and_xml_types_are_unique()
    {
        StepCatalog.All.Select(d => d.TypeId).ShouldBeUnique();
        StepCatalog.All.SelectMany(d => d.XmlTypes).ShouldBeUnique();
    }

    [Fact]
    public void Every_descriptor_has_a_description_and_uniquely_named_settings()
    {
        foreach (var descriptor in StepCatalog.All)
        {
            descriptor.Description.ShouldNotBeNullOrWhiteSpace(descriptor.TypeId);
            descriptor.Settings.Select(s => s.Name.ToUpperInvariant()).ShouldBeUnique(descriptor.TypeId);
            foreach (var choice in descriptor.Settings.Where(s => s.Kind == SettingKind.Choice))
            {
                choice.Choices.ShouldContain(choice.DefaultValue!, $"{descriptor.TypeId}.{choice.Name}");
            }
        }
    }

    [Fact]
    public void Program_steps_default_to_success_codes_0_and_3010()
    {
        StepCatalog.Get(StepTypeIds.RunCommandLine).DefaultSuccessCodes.ShouldBe([0, 3010]);
        StepCatalog.Get(StepTypeIds.ApplyDriverPackage).DefaultSuccessCodes.ShouldBe([0]);
    }

    [Theory]
    [InlineData(StepTypeIds.InstallApplication)]
    [InlineData(StepTypeIds.InstallPackage)]
    [InlineData(StepTypeIds.InstallSoftwareUpdates)]
    public void Install_steps_retry_twice_after_unexpected_restarts_and_restart_on_3010(string typeId)
    {
        var descriptor = StepCatalog.Get(typeId);

        descriptor.DefaultRetryOnUnexpectedRestart.ShouldBe(2);
        descriptor.RestartsOnExitCode3010.ShouldBeTrue();
    }

    [Fact]
    public void Other_steps_do_not_retry_after_unexpected_restarts_by_default()
    {
        StepCatalog.All.Where(d => d.DefaultRetryOnUnexpectedRestart > 0).Select(d => d.TypeId)
            .ShouldBe([StepTypeIds.InstallPackage, StepTypeIds.InstallApplication, StepTypeIds.InstallSoftwareUpdates], ignoreOrder: true);
    }

    [Fact]
    public void Steps_that_wipe_or_replace_the_operating_system_are_high_impact()
    {
        StepCatalog.All.Where(d => d.HighImpact).Select(d => d.TypeId).ShouldBe(
        [
            StepTypeIds.FormatAndPartitionDisk, StepTypeIds.ApplyOperatingSystemImage, StepTypeIds.ApplyDataImage,
            StepTypeIds.UpgradeOperatingSystem, StepTypeIds.SetupOperatingSystem,
        ], ignoreOrder: true);
    }

    [Fact]
    public void Passwords_are_secret_settings()
    {
        foreach (var setting in StepCatalog.All.SelectMany(d => d.Settings).Where(s => s.Kind == SettingKind.Password))
        {
            setting.Secret.ShouldBeTrue(setting.Name);
        }

        StepCatalog.Get(StepTypeIds.JoinDomainOrWorkgroup).Settings.ShouldContain(s => s.Secret);
        StepCatalog.Get(StepTypeIds.ConnectToNetworkFolder).Settings.ShouldContain(s => s.Secret);
        StepCatalog.Get(StepTypeIds.RunCommandLine).Settings.ShouldContain(s => s.Secret);
    }

    [Fact]
    public void Content_settings_name_the_packages_a_step_needs()
    {
        StepCatalog.Get(StepTypeIds.InstallPackage).ContentSettings.Select(s => s.Name).ShouldBe(["PackageID"]);
        StepCatalog.Get(StepTypeIds.RunTaskSequence).ContentSettings.Single().Kind.ShouldBe(SettingKind.TaskSequenceReference);
        StepCatalog.Get(StepTypeIds.ApplyOperatingSystemImage).ContentSettings.ShouldNotBeEmpty();
    }

    [Fact]
    public void Platforms_say_where_an_agent_runs_the_step_and_the_command_steps_run_on_both()
    {
        StepCatalog.Get(StepTypeIds.EnableBitLocker).SupportsPlatform(StepPlatforms.Linux).ShouldBeFalse();
        StepCatalog.Get(StepTypeIds.RunShellScript).SupportsPlatform(StepPlatforms.Windows).ShouldBeFalse();
        StepCatalog.Get(StepTypeIds.RunCommandLine).Platforms.ShouldBe(StepPlatforms.Windows | StepPlatforms.Linux);
        StepCatalog.Get(StepTypeIds.SetTaskSequenceVariable).Platforms.ShouldBe(StepPlatforms.Windows | StepPlatforms.Linux);
    }

    [Fact]
    public void Lookup_by_type_id_is_case_insensitive_and_xml_types_map_to_descriptors()
    {
        StepCatalog.Find("runcommandline").ShouldBe(StepCatalog.Get(StepTypeIds.RunCommandLine));
        StepCatalog.FindByXmlType("SMS_TaskSequence_RebootAction")!.TypeId.ShouldBe(StepTypeIds.RestartComputer);
        StepCatalog.FindByXmlType("BDD_Gather").ShouldBeNull();
        Should.Throw<KeyNotFoundException>(() => StepCatalog.Get("Nope")).Message.ShouldContain("'Nope'");
    }

    [Fact]
    public void Windows_settings_without_a_linux_meaning_carry_a_note_for_validation()
    {
        var settings = StepCatalog.Get(StepTypeIds.ApplyWindowsSettings).Settings;

        settings.Where(s => s.NoMeaningOnLinux is not null).Select(s => s.Name).ShouldBe(["RegisteredUserName", "RegisteredOrgName", "ProductKey"]);
        settings.Single(s => s.Name == "TimeZone").NoMeaningOnLinux.ShouldBeNull();
        StepCatalog.Get(StepTypeIds.SetupOperatingSystem).SupportsPlatform(StepPlatforms.Linux).ShouldBeTrue();
    }
}
