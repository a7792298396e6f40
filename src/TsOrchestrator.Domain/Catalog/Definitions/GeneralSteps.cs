using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class GeneralSteps
{
    private const string WindowsOnlyCheck = "a Windows check the Linux agent cannot make: the step fails on Linux while it is on";

    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.RunCommandLine, DisplayName = "Run Command Line", Category = StepCategory.General,
            Description = "Runs a command line, optionally from a package, optionally as another account.",
            HasExitCode = true,
            XmlTypes = ["SMS_TaskSequence_RunCommandLineAction"],
            Settings =
            [
                Text("CommandLine", "Command line", required: true),
                Path("WorkingDirectory", "Start in"),
                Reference(SettingKind.PackageReference, "PackageID", "Package"),
                Flag("DisableWow64Redirection", "Disable 64-bit file system redirection"),
                Variable("OutputVariableName", "Output to task sequence variable"),
                Flag("RunAsUser", "Run this step as the following account"),
                Text("UserName", "Account"),
                Password("UserPassword", "Password", account: "UserName"),
                Flag("LoadProfile", "Load the user's profile"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.RunPowerShellScript, DisplayName = "Run PowerShell Script", Category = StepCategory.General,
            Description = "Runs a PowerShell script from a package or entered inline (needs pwsh on Linux and macOS).",
            HasExitCode = true,
            XmlTypes = ["SMS_TaskSequence_RunPowerShellScriptAction", "BDD_RunPowerShellAction"],
            Settings =
            [
                Reference(SettingKind.PackageReference, "PackageID", "Package"),
                Text("ScriptName", "Script name"),
                Script("SourceScript", "Script"),
                Text("Parameters", "Parameters"),
                Choice("ExecutionPolicy", "PowerShell execution policy", "Bypass", "AllSigned", "Bypass", "Undefined"),
                Path("WorkingDirectory", "Start in"),
                Variable("OutputVariableName", "Output to task sequence variable"),
                Flag("RunAsUser", "Run this step as the following account"),
                Text("UserName", "Account"),
                Password("UserPassword", "Password", account: "UserName"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.RunShellScript, DisplayName = "Run Shell Script", Category = StepCategory.General,
            Description = "Runs a shell script entered inline or from a package on Linux and macOS.",
            HasExitCode = true,
            Settings =
            [
                Script("Script", "Script", required: true),
                Path("Shell", "Shell", defaultValue: "/bin/sh"),
                Text("Arguments", "Arguments"),
                Reference(SettingKind.PackageReference, "PackageID", "Package"),
                Path("WorkingDirectory", "Start in"),
                Variable("OutputVariableName", "Output to task sequence variable"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.SetTaskSequenceVariable, DisplayName = "Set Task Sequence Variable", Category = StepCategory.General,
            Description = "Sets a task sequence variable; an empty value deletes it.",
            RunsInEngine = true,
            XmlTypes = ["SMS_TaskSequence_SetVariableAction"],
            Settings =
            [
                Variable("VariableName", "Task sequence variable", required: true),
                Text("VariableValue", "Value"),
                Flag("DoNotShowVariableValue", "Do not display this value"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.SetDynamicVariables, DisplayName = "Set Dynamic Variables", Category = StepCategory.General,
            Description = "Sets variables from rules over the device (make, model, serial number, ...) and defaults.",
            XmlTypes = ["SMS_TaskSequence_SetDynamicVariablesAction"],
            Settings = [Rules("Rules", "Rules", required: true)],
        },
        new()
        {
            TypeId = StepTypeIds.RestartComputer, DisplayName = "Restart Computer", Category = StepCategory.General,
            Description = "Restarts the device into the installed operating system or the boot image.",
            RestartsDevice = true,
            XmlTypes = ["SMS_TaskSequence_RebootAction"],
            Settings =
            [
                Choice("Target", "Restart into", "HD", "HD", "WinPE"),
                Multiline("Message", "Notification message"),
                Integer("MessageTimeout", "Message display time-out (seconds)", "60"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.CheckReadiness, DisplayName = "Check Readiness", Category = StepCategory.General,
            Description = "Checks that the device meets memory, processor, disk, OS and power prerequisites.",
            XmlTypes = ["SMS_TaskSequence_PrestartCheckAction"],
            Settings =
            [
                Flag("CheckMemory", "Minimum memory (MB)"),
                Integer("Memory", "Memory (MB)", "2000"),
                Flag("CheckProcessorSpeed", "Minimum processor speed (MHz)"),
                Integer("ProcessorSpeed", "Processor speed (MHz)", "800"),
                Flag("CheckFreeDiskSpace", "Minimum free disk space (MB)"),
                Integer("FreeDiskSpace", "Free disk space (MB)", "5000"),
                Flag("CheckOSArchitecture", "Architecture of current OS"),
                Choice("OSArchitecture", "Architecture", "64", "32", "64"),
                Flag("CheckMinOSVersion", "Minimum OS version"),
                Text("MinOSVersion", "Minimum OS version"),
                Flag("CheckMaxOSVersion", "Maximum OS version"),
                Text("MaxOSVersion", "Maximum OS version"),
                Flag("CheckPowerState", "Device is on AC power"),
                Flag("CheckNetworkConnected", "Network adapter connected"),
                Flag("CheckNetworkWired", "Network adapter is not wireless"),
                Flag("CheckDeviceUEFI", "Computer is in UEFI mode"),

                // Windows-only checks: the Linux agent fails the step while one is on rather than pass it unchecked.
                Flag("CheckOSType", "Current OS to be refreshed is") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckOSLanguageID", "OS language") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckCMClientMinVersion", "Minimum client version") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckTPM", "TPM 2.0 is present") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckTPMActivated", "TPM is activated") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckTPMEnabled", "TPM is enabled") with { NoMeaningOnLinux = WindowsOnlyCheck },
                Flag("CheckTPMOwned", "TPM is owned") with { NoMeaningOnLinux = WindowsOnlyCheck },
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ConnectToNetworkFolder, DisplayName = "Connect To Network Folder", Category = StepCategory.General,
            Description = "Maps a network share to a drive letter with an account.",
            XmlTypes = ["SMS_TaskSequence_ConnectNetworkFolderAction"],
            Settings =
            [
                Path("Path", "Path", required: true),
                Text("DriveLetter", "Drive", required: true),
                Text("Username", "Account", required: true),
                Password("Password", "Password", account: "Username"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.RunTaskSequence, DisplayName = "Run Task Sequence", Category = StepCategory.General,
            Description = "Runs another task sequence inline, sharing the variable environment.",
            RunsChildSequence = true,
            XmlTypes = ["SMS_TaskSequence_SubTasksequence"],
            Settings =
            [
                Reference(SettingKind.TaskSequenceReference, "TsPackageID", "Task sequence", required: true),
                Text("TsName", "Task sequence name"),
            ],
        },
    ];
}
