using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// The Windows agent: the handlers that work there (no POSIX shell), no registry, WMI or installed-software reader yet,
/// and no process group (a job object is still to come). Must equal <see cref="CapabilityProfiles.Windows"/>. There is
/// no Windows boot image: started from boot media it reports the same handlers.
/// </summary>
internal sealed class WindowsAgentPlatform : IAgentPlatform
{
    public string Name => "windows";

    public string OsVersion => Environment.OSVersion.Version.ToString();

    // Invariant globalization hides Windows' UI language from CultureInfo; reading it (GetUserDefaultUILanguage and an
    // LCID table) is not built yet, so the Windows agent still answers the default.
    public string OsLanguage => Facts.SystemLanguage.Default;

    public IReadOnlyList<IStepHandler> StepHandlers(AgentEnvironment environment, ContentDownloader? content, StateMigrationPoint? stateMigration = null) =>
    [
        .. content is null ? Array.Empty<IStepHandler>() : [new DownloadPackageContentHandler(content), new InstallPackageHandler(content)],
        new RunCommandLineHandler(),
        new RunPowerShellScriptHandler(),
        new SetDynamicVariablesHandler(),
        new ApplyOperatingSystemImageHandler(),
        new CaptureOperatingSystemImageHandler(),
        new CaptureUserStateHandler(),
        new RestoreUserStateHandler(),
    ];

    public IReadOnlyList<string> ConditionKinds { get; } =
        [Domain.Capabilities.ConditionKinds.OsVersion, Domain.Capabilities.ConditionKinds.OsLanguage, Domain.Capabilities.ConditionKinds.File,
         Domain.Capabilities.ConditionKinds.Folder];

    public (string Program, string[] Arguments) RestartCommand => ("shutdown.exe", ["/r", "/t", "0"]);

    public (string Program, string[] Arguments) ShellCommand(string commandLine) => ("cmd.exe", ["/c", commandLine]);

    public IStepProcessGroup ProcessGroupForStep(string stateDirectory) => NoProcessGroup.Instance;

    public int? EndInterruptedStep(string stateDirectory) => null;
}
