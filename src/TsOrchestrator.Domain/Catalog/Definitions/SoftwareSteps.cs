using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class SoftwareSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.InstallPackage, DisplayName = "Install Package", Category = StepCategory.Software,
            Description = "Runs a program of a package; exit code 3010 succeeds and restarts the device.",
            HasExitCode = true, RestartsOnExitCode3010 = true, DefaultRetryOnUnexpectedRestart = 2,
            XmlTypes = ["SMS_TaskSequence_InstallSoftwareAction"],
            Settings =
            [
                Reference(SettingKind.PackageReference, "PackageID", "Package", required: true) with { NotRequiredWith = "BaseVariableName" },
                Text("ProgramName", "Program", required: true) with { NotRequiredWith = "BaseVariableName" },
                Variable("BaseVariableName", "Base variable name for a dynamic list (<base>001, <base>002, … each PACKAGEID:Program)"),
                Flag("ContinueOnInstallError", "Continue when a package of the list fails"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.InstallApplication, DisplayName = "Install Application", Category = StepCategory.Software,
            Description = "Installs applications in order; exit code 3010 succeeds and restarts the device.",
            HasExitCode = true, RestartsOnExitCode3010 = true, DefaultRetryOnUnexpectedRestart = 2,
            XmlTypes = ["SMS_TaskSequence_InstallApplicationAction", "BDD_InstallApplication"],
            Settings =
            [
                Reference(SettingKind.ApplicationReferenceList, "ApplicationName", "Applications"),
                Variable("BaseVariableName", "Base variable name for a dynamic list"),
                Flag("ContinueOnInstallError", "Continue when an application fails"),
                Flag("ClearCache", "Clear application content from cache after installing"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.InstallSoftwareUpdates, DisplayName = "Install Software Updates", Category = StepCategory.Software,
            Description = "Installs required or all available software updates.",
            HasExitCode = true, RestartsOnExitCode3010 = true, DefaultRetryOnUnexpectedRestart = 2,
            XmlTypes = ["SMS_TaskSequence_InstallUpdateAction"],
            Settings =
            [
                Choice("Target", "Updates", "Mandatory", "Mandatory", "All"),
                Flag("UseCache", "Evaluate updates from cached scan results", true),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.DownloadPackageContent, DisplayName = "Download Package Content", Category = StepCategory.Software,
            Description = "Downloads packages to the task sequence cache, the client cache or a custom path.",
            XmlTypes = ["SMS_TaskSequence_DownloadPackageContentAction"],
            Settings =
            [
                Reference(SettingKind.PackageReferenceList, "DownloadPackages", "Packages", required: true),
                Choice("DestinationLocationType", "Location", "TSCache", "TSCache", "CCMCache", "Custom"),
                Path("DestinationCustomPath", "Custom path"),
                Variable("DestinationVariable", "Save path as a variable"),
                Flag("ContinueDownloadOnError", "Continue downloading other packages on failure"),
            ],
        },
    ];
}
