using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// The Linux agent (macOS shares its POSIX mechanics, reports itself as <c>macos</c> and has no profile of its own).
/// Its handler list must equal <see cref="CapabilityProfiles.Linux"/> and <see cref="CapabilityProfiles.LinuxBootImage"/>:
/// a test holds the two together, so adding a handler here is one line there too.
/// </summary>
internal sealed class LinuxAgentPlatform : IAgentPlatform
{
    public string Name { get; } = OperatingSystem.IsMacOS() ? "macos" : "linux";

    public string OsVersion
    {
        get
        {
            if (File.Exists("/etc/os-release"))
            {
                foreach (var line in File.ReadLines("/etc/os-release"))
                {
                    if (line.StartsWith("VERSION_ID=", StringComparison.Ordinal))
                    {
                        return line["VERSION_ID=".Length..].Trim('"');
                    }
                }
            }

            return Environment.OSVersion.Version.ToString();
        }
    }

    public IReadOnlyList<IStepHandler> StepHandlers(AgentEnvironment environment, ContentDownloader? content, StateMigrationPoint? stateMigration = null)
    {
        var fullOs = environment == AgentEnvironment.FullOs;
        return
        [
            .. content is null ? Array.Empty<IStepHandler>() : [new DownloadPackageContentHandler(content)],
            // Installing a package and restoring user state are for the installed system, as in Configuration Manager.
            .. content is null || !fullOs ? Array.Empty<IStepHandler>() : [new InstallPackageHandler(content)],
            .. stateMigration is null ? Array.Empty<IStepHandler>() : [new RequestStateStoreHandler(stateMigration), new ReleaseStateStoreHandler(stateMigration)],
            new RunCommandLineHandler(),
            new RunShellScriptHandler(),
            new RunPowerShellScriptHandler(),
            new SetDynamicVariablesHandler(),
            new CheckReadinessHandler(),
            new FormatAndPartitionDiskHandler(),
            new ApplyOperatingSystemImageHandler(),
            new ApplyDataImageHandler(),
            new ApplyWindowsSettingsHandler(),
            new ApplyNetworkSettingsHandler(),
            new JoinDomainOrWorkgroupHandler(),
            new ApplyDriverPackageHandler(content),
            new AutoApplyDriversHandler(),
            new SetupOperatingSystemHandler(),
            new CaptureOperatingSystemImageHandler(),
            new CaptureUserStateHandler(stateMigration),
            .. fullOs ? [new RestoreUserStateHandler(stateMigration)] : Array.Empty<IStepHandler>(),
            // The capture steps read the running system, which in the boot image is not the machine's own.
            .. fullOs ? [new CaptureWindowsSettingsHandler(), new CaptureNetworkSettingsHandler()] : Array.Empty<IStepHandler>(),
            new PrepareWindowsForCaptureHandler(),
            new PrepareClientForCaptureHandler(),
        ];
    }

    public IReadOnlyList<string> ConditionKinds { get; } =
        [Domain.Capabilities.ConditionKinds.OsVersion, Domain.Capabilities.ConditionKinds.OsLanguage, Domain.Capabilities.ConditionKinds.File,
         Domain.Capabilities.ConditionKinds.Folder, Domain.Capabilities.ConditionKinds.Software];

    public string OsLanguage => Facts.SystemLanguage.Read(Environment.GetEnvironmentVariable, "/");

    public (string Program, string[] Arguments) RestartCommand =>
        OperatingSystem.IsMacOS() ? ("shutdown", ["-r", "now"]) : ("systemctl", ["reboot"]);

    public (string Program, string[] Arguments) ShellCommand(string commandLine) => ("/bin/sh", ["-c", commandLine]);

    public IStepProcessGroup ProcessGroupForStep(string stateDirectory) =>
        ProcessGroups.AgentCommand() is { } command ? new PosixProcessGroup(command, ProcessGroupRecord.PathIn(stateDirectory)) : NoProcessGroup.Instance;

    public int? EndInterruptedStep(string stateDirectory) => ProcessGroups.EndInterruptedStep(stateDirectory);
}
