using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Tests.Capabilities;

public sealed class CapabilityProfilesTests
{
    [Fact]
    public void Every_catalog_types_platforms_match_the_profiles_that_can_run_it()
    {
        foreach (var descriptor in StepCatalog.All)
        {
            var engine = descriptor.RunsInEngine || descriptor.RunsChildSequence;
            var expected = StepPlatforms.None;
            if (engine || CapabilityProfiles.Linux.StepTypes.Contains(descriptor.TypeId) || CapabilityProfiles.LinuxBootImage.StepTypes.Contains(descriptor.TypeId))
            {
                expected |= StepPlatforms.Linux;
            }

            if (engine || CapabilityProfiles.Windows.StepTypes.Contains(descriptor.TypeId))
            {
                expected |= StepPlatforms.Windows;
            }

            descriptor.Platforms.ShouldBe(expected, descriptor.TypeId);
        }
    }

    [Fact]
    public void Steps_no_agent_runs_have_no_platform()
    {
        StepCatalog.Get(StepTypeIds.EnableBitLocker).Platforms.ShouldBe(StepPlatforms.None);
        StepCatalog.Get(StepTypeIds.ImportedStep).Platforms.ShouldBe(StepPlatforms.None);
    }

    [Fact]
    public void Profiles_name_only_catalog_step_types_the_device_runs()
    {
        foreach (var profile in CapabilityProfiles.All)
        {
            foreach (var type in profile.StepTypes)
            {
                StepCatalog.Find(type).ShouldNotBeNull($"{profile.Name}: {type}");
                CapabilityProfile.RunsInEngine(type).ShouldBeFalse($"{profile.Name}: {type} runs in the engine and is not an agent's");
            }
        }
    }

    [Theory]
    [InlineData(StepTypeIds.SetTaskSequenceVariable)]
    [InlineData(StepTypeIds.RunTaskSequence)]
    public void Engine_run_steps_run_under_every_profile(string stepType)
    {
        foreach (var profile in CapabilityProfiles.All)
        {
            profile.CanRun(stepType).ShouldBeTrue(profile.Name);
        }
    }

    [Fact]
    public void Boot_image_profile_leaves_out_the_full_os_only_steps()
    {
        CapabilityProfiles.LinuxBootImage.CanRun(StepTypeIds.InstallPackage).ShouldBeFalse();
        CapabilityProfiles.LinuxBootImage.CanRun(StepTypeIds.RestoreUserState).ShouldBeFalse();
        CapabilityProfiles.LinuxBootImage.CanRun(StepTypeIds.ApplyOperatingSystemImage).ShouldBeTrue();
        CapabilityProfiles.LinuxBootImage.StepTypes.IsSubsetOf(CapabilityProfiles.Linux.StepTypes).ShouldBeTrue();
    }

    [Fact]
    public void Variable_conditions_are_evaluated_everywhere_and_registry_only_where_an_agent_reads_it()
    {
        foreach (var profile in CapabilityProfiles.All)
        {
            profile.CanEvaluate(ConditionKinds.Variable).ShouldBeTrue(profile.Name);
            profile.CanEvaluate(ConditionKinds.If).ShouldBeTrue(profile.Name);
            profile.CanEvaluate(ConditionKinds.Registry).ShouldBeFalse(profile.Name);
        }

        CapabilityProfiles.Linux.CanEvaluate(ConditionKinds.Software).ShouldBeTrue();
    }

    [Fact]
    public void Refusal_names_the_step_type_and_where()
    {
        CapabilityProfiles.Linux.Refusal(StepTypeIds.EnableBitLocker)
            .ShouldBe("step type Enable BitLocker (EnableBitLocker) is not supported on linux full-os");
        CapabilityProfiles.LinuxBootImage.Refusal(StepTypeIds.InstallPackage)
            .ShouldBe("step type Install Package (InstallPackage) is not supported on linux boot-image");
    }

    [Fact]
    public void Profiles_are_found_by_name_and_by_platform_and_environment()
    {
        CapabilityProfiles.Find("LINUX-boot-image").ShouldBeSameAs(CapabilityProfiles.LinuxBootImage);
        CapabilityProfiles.For("windows", AgentEnvironment.FullOs).ShouldBeSameAs(CapabilityProfiles.Windows);
        CapabilityProfiles.For("macos", AgentEnvironment.FullOs).ShouldBeNull();
        CapabilityProfiles.Find("beos").ShouldBeNull();
    }
}
