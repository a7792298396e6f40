using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class ImageSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.ApplyOperatingSystemImage, DisplayName = "Apply Operating System Image", Category = StepCategory.Images,
            Description = "Applies an OS image (or archive image on Linux) to the target disk or root.",
            HighImpact = true,
            XmlTypes = ["SMS_TaskSequence_ApplyOperatingSystemAction", "BDD_InstallOS"],
            Settings =
            [
                Reference(SettingKind.OperatingSystemImageReference, "ImagePackageID", "Image package"),
                Integer("ImageIndex", "Image index", "1"),
                Reference(SettingKind.OperatingSystemUpgradeReference, "InstallPackageID", "Upgrade package (original installation source)"),
                Reference(SettingKind.PackageReference, "ConfigFilePackage", "Unattended answer file package"),
                Text("ConfigFileName", "Answer file name"),
                Path("DestinationPath", "Destination (root directory or drive)"),
                Text("DestinationOSInstallType", "Destination (NextPartition, ByDiskPartition, ByVariable)"),
                Integer("DestinationDisk", "Destination disk number"),
                Integer("DestinationPartition", "Destination partition number"),
                Variable("DestinationOSVariable", "Variable holding the destination partition"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ApplyDataImage, DisplayName = "Apply Data Image", Category = StepCategory.Images,
            Description = "Copies a data image to a partition, optionally wiping it first.",
            HighImpact = true,
            XmlTypes = ["SMS_TaskSequence_ApplyDataImageAction"],
            Settings =
            [
                Reference(SettingKind.OperatingSystemImageReference, "ImagePackageID", "Image package", required: true),
                Integer("ImageIndex", "Image index", "1"),
                Flag("WipePartition", "Delete all content on the partition", true),
                Text("DestinationInstallType", "Destination (NextPartition, ByDiskPartition, ByVariable)"),
                Integer("DestinationDisk", "Destination disk number"),
                Integer("DestinationPartition", "Destination partition number"),
                Variable("DestinationVariable", "Variable holding the destination partition"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.CaptureOperatingSystemImage, DisplayName = "Capture Operating System Image", Category = StepCategory.Images,
            Description = "Captures the installed OS (or the target root as an archive on Linux) to a file.",
            XmlTypes = ["SMS_TaskSequence_CaptureSystemImageAction"],
            Settings =
            [
                Path("CaptureDestination", "Destination", required: true),
                Text("ImageDescription", "Description"),
                Text("ImageVersion", "Version"),
                Text("ImageCreator", "Created by"),
                Text("CaptureUsername", "Account"),
                Password("CapturePassword", "Password", account: "CaptureUsername"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.PrepareWindowsForCapture, DisplayName = "Prepare Windows for Capture", Category = StepCategory.Images,
            Description = "Runs Sysprep to generalize Windows before capture.",
            XmlTypes = ["SMS_TaskSequence_PrepareOSAction"],
            Settings =
            [
                Flag("BuildMassStorageDriverList", "Automatically build mass storage driver list"),
                Flag("KeepActivation", "Do not reset activation flag"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.PrepareConfigMgrClientForCapture, DisplayName = "Prepare ConfigMgr Client for Capture", Category = StepCategory.Images,
            Description = "Removes device-specific client configuration before capture.",
            XmlTypes = ["SMS_TaskSequence_PrepareSMSClientAction"],
        },
        new()
        {
            TypeId = StepTypeIds.SetupOperatingSystem, DisplayName = "Setup Operating System", Category = StepCategory.Images,
            Description = "Completes OS setup after an image is applied and installs the agent (Setup Windows and ConfigMgr).",
            HighImpact = true, HasExitCode = true,
            XmlTypes = ["SMS_TaskSequence_SetupWindowsAndSMSAction"],
            Settings =
            [
                Reference(SettingKind.PackageReference, "ClientPackageID", "Client package"),
                Text("InstallationProperties", "Installation properties") with { NoMeaningOnLinux = "Configuration Manager client properties: the Linux agent is installed with the running agent's server" },
                Choice("BootFirmware", "Boot loader for", "Auto", "Auto", "BIOS", "UEFI"),
                Text("KernelArguments", "Kernel command line arguments"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.UpgradeOperatingSystem, DisplayName = "Upgrade Operating System", Category = StepCategory.Images,
            Description = "Upgrades the installed OS in place from an upgrade package.",
            HighImpact = true, HasExitCode = true,
            XmlTypes = ["SMS_TaskSequence_UpgradeOperatingSystemAction"],
            Settings =
            [
                Reference(SettingKind.OperatingSystemUpgradeReference, "InstallPackageID", "Upgrade package", required: true),
                Integer("InstallEditionIndex", "Edition index", "1"),
                Text("OsProductKey", "Product key"),
                Flag("ScanOnly", "Perform compatibility scan without upgrading"),
                Choice("DynamicUpdateSettings", "Dynamic updates", "Disable", "Disable", "NoDU", "DownloadAndInstall"),
                Flag("IgnoreMessages", "Ignore dismissible compatibility messages"),
            ],
        },
    ];
}
