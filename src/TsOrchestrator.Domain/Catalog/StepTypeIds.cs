namespace TsOrchestrator.Domain.Catalog;

/// <summary>Type ids of the built-in step catalog.</summary>
public static class StepTypeIds
{
    public const string RunCommandLine = "RunCommandLine";
    public const string RunPowerShellScript = "RunPowerShellScript";
    public const string RunShellScript = "RunShellScript";
    public const string SetTaskSequenceVariable = "SetTaskSequenceVariable";
    public const string SetDynamicVariables = "SetDynamicVariables";
    public const string RestartComputer = "RestartComputer";
    public const string CheckReadiness = "CheckReadiness";
    public const string ConnectToNetworkFolder = "ConnectToNetworkFolder";
    public const string RunTaskSequence = "RunTaskSequence";
    public const string InstallPackage = "InstallPackage";
    public const string InstallApplication = "InstallApplication";
    public const string InstallSoftwareUpdates = "InstallSoftwareUpdates";
    public const string DownloadPackageContent = "DownloadPackageContent";
    public const string ApplyOperatingSystemImage = "ApplyOperatingSystemImage";
    public const string ApplyDataImage = "ApplyDataImage";
    public const string CaptureOperatingSystemImage = "CaptureOperatingSystemImage";
    public const string PrepareWindowsForCapture = "PrepareWindowsForCapture";
    public const string PrepareConfigMgrClientForCapture = "PrepareConfigMgrClientForCapture";
    public const string SetupOperatingSystem = "SetupOperatingSystem";
    public const string UpgradeOperatingSystem = "UpgradeOperatingSystem";
    public const string ApplyWindowsSettings = "ApplyWindowsSettings";
    public const string ApplyNetworkSettings = "ApplyNetworkSettings";
    public const string CaptureWindowsSettings = "CaptureWindowsSettings";
    public const string CaptureNetworkSettings = "CaptureNetworkSettings";
    public const string JoinDomainOrWorkgroup = "JoinDomainOrWorkgroup";
    public const string ApplyDriverPackage = "ApplyDriverPackage";
    public const string AutoApplyDrivers = "AutoApplyDrivers";
    public const string FormatAndPartitionDisk = "FormatAndPartitionDisk";
    public const string ConvertDisk = "ConvertDisk";
    public const string EnableBitLocker = "EnableBitLocker";
    public const string DisableBitLocker = "DisableBitLocker";
    public const string PreProvisionBitLocker = "PreProvisionBitLocker";
    public const string CaptureUserState = "CaptureUserState";
    public const string RestoreUserState = "RestoreUserState";
    public const string RequestStateStore = "RequestStateStore";
    public const string ReleaseStateStore = "ReleaseStateStore";

    /// <summary>A step whose imported type no descriptor knows: keeps its type, variables and action line.</summary>
    public const string ImportedStep = "ImportedStep";
}
