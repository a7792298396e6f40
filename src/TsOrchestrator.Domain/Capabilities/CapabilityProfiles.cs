using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Capabilities;

/// <summary>
/// The named capability profiles: the single static truth of what each kind of agent runs, read by the step
/// catalog's <see cref="StepTypeDescriptor.Platforms"/>, validation, deployments and <c>tsorch simulate</c>. The
/// agent's own report must equal its profile (a test runs the agent's registry against it), so a handler added to an
/// agent is one line here.
/// </summary>
public static class CapabilityProfiles
{
    public const string LinuxName = "linux";
    public const string LinuxBootImageName = "linux-boot-image";
    public const string WindowsName = "windows";

    // One line per step type the Linux agent runs on the device. FullOsOnly: not in the boot image (Configuration
    // Manager runs these in the full OS only; the agent leaves their handlers out there).
    private static readonly (string StepType, bool FullOsOnly)[] LinuxSteps =
    [
        (StepTypeIds.RunCommandLine, false),
        (StepTypeIds.RunShellScript, false),
        (StepTypeIds.RunPowerShellScript, false),
        (StepTypeIds.SetDynamicVariables, false),
        (StepTypeIds.RestartComputer, false),
        (StepTypeIds.DownloadPackageContent, false),
        (StepTypeIds.InstallPackage, true),
        (StepTypeIds.ApplyOperatingSystemImage, false),
        (StepTypeIds.CaptureOperatingSystemImage, false),
        (StepTypeIds.CaptureUserState, false),
        (StepTypeIds.RestoreUserState, true),
        (StepTypeIds.RequestStateStore, false),
        (StepTypeIds.ReleaseStateStore, false),
        (StepTypeIds.CheckReadiness, false),
        (StepTypeIds.FormatAndPartitionDisk, false),
        (StepTypeIds.ApplyDataImage, false),
        (StepTypeIds.ApplyWindowsSettings, false),
        (StepTypeIds.ApplyNetworkSettings, false),
        (StepTypeIds.JoinDomainOrWorkgroup, false),
        (StepTypeIds.ApplyDriverPackage, false),
        (StepTypeIds.AutoApplyDrivers, false),
        (StepTypeIds.SetupOperatingSystem, false),
        // The capture steps read the running system: in the boot image that is not the machine's own.
        (StepTypeIds.CaptureWindowsSettings, true),
        (StepTypeIds.CaptureNetworkSettings, true),
        // The prepare steps generalize the applied system (never the running one), so they run from the boot image too.
        (StepTypeIds.PrepareWindowsForCapture, false),
        (StepTypeIds.PrepareConfigMgrClientForCapture, false),
    ];

    // The Windows agent: the same handlers less the POSIX shell; no boot image for Windows is built.
    private static readonly string[] WindowsSteps =
    [
        StepTypeIds.RunCommandLine,
        StepTypeIds.RunPowerShellScript,
        StepTypeIds.SetDynamicVariables,
        StepTypeIds.RestartComputer,
        StepTypeIds.DownloadPackageContent,
        StepTypeIds.InstallPackage,
        StepTypeIds.ApplyOperatingSystemImage,
        StepTypeIds.CaptureOperatingSystemImage,
        StepTypeIds.CaptureUserState,
        StepTypeIds.RestoreUserState,
    ];

    // Installed software is read from dpkg's status file; registry and WMI exist on Windows only.
    private static readonly string[] LinuxConditions =
        [ConditionKinds.OsVersion, ConditionKinds.OsLanguage, ConditionKinds.File, ConditionKinds.Folder, ConditionKinds.Software];

    // The Windows agent has no registry, WMI or installed-software reader yet: those conditions are refused there too.
    private static readonly string[] WindowsConditions =
        [ConditionKinds.OsVersion, ConditionKinds.OsLanguage, ConditionKinds.File, ConditionKinds.Folder];

    public static CapabilityProfile Linux { get; } =
        new(LinuxName, "linux", AgentEnvironment.FullOs, LinuxSteps.Select(static s => s.StepType), LinuxConditions);

    public static CapabilityProfile LinuxBootImage { get; } =
        new(LinuxBootImageName, "linux", AgentEnvironment.BootImage, LinuxSteps.Where(static s => !s.FullOsOnly).Select(static s => s.StepType), LinuxConditions);

    public static CapabilityProfile Windows { get; } = new(WindowsName, "windows", AgentEnvironment.FullOs, WindowsSteps, WindowsConditions);

    /// <summary>Every named profile.</summary>
    public static IReadOnlyList<CapabilityProfile> All { get; } = [Linux, LinuxBootImage, Windows];

    /// <summary>The profile of that name (<c>linux</c>, <c>linux-boot-image</c>, <c>windows</c>), or null.</summary>
    public static CapabilityProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The profile of an agent on that platform in that environment, or null (macOS, a Windows boot image).</summary>
    public static CapabilityProfile? For(string platform, AgentEnvironment environment) =>
        All.FirstOrDefault(p => string.Equals(p.Platform, platform, StringComparison.OrdinalIgnoreCase) && p.Environment == environment);

    /// <summary>The platforms some profile runs this step type on: what the catalog's <see cref="StepTypeDescriptor.Platforms"/> says.</summary>
    public static StepPlatforms PlatformsOf(string stepType)
    {
        var platforms = StepPlatforms.None;
        foreach (var profile in All.Where(p => p.CanRun(stepType)))
        {
            platforms |= profile.Platform == "windows" ? StepPlatforms.Windows : StepPlatforms.Linux;
        }

        return platforms;
    }
}
