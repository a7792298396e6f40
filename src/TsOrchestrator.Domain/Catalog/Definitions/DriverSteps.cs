using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class DriverSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.ApplyDriverPackage, DisplayName = "Apply Driver Package", Category = StepCategory.Drivers,
            Description = "Makes all drivers of a driver package available to Windows setup.",
            XmlTypes = ["SMS_TaskSequence_ApplyDriverPackageAction"],
            Settings =
            [
                Reference(SettingKind.DriverPackageReference, "DriverPackageID", "Driver package", required: true),
                Flag("UnsignedDriver", "Allow unsigned drivers"),
                Flag("Recurse", "Install by running DISM with recurse"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.AutoApplyDrivers, DisplayName = "Auto Apply Drivers", Category = StepCategory.Drivers,
            Description = "Matches and installs drivers from the driver catalog.",
            XmlTypes = ["SMS_TaskSequence_AutoApplyAction", "BDD_InjectDrivers"],
            Settings =
            [
                Flag("InstallOnlyBestMatch", "Install only the best matched compatible drivers", true),
                Flag("UnsignedDriver", "Allow unsigned drivers"),
                Text("DriverCategories", "Limit to driver categories") with { NoMeaningOnLinux = "Linux driver packages have no categories: a value is refused on Linux" },
            ],
        },
    ];
}
