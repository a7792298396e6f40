using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class UserStateSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.RequestStateStore, DisplayName = "Request State Store", Category = StepCategory.UserState,
            Description = "Requests a state store location to capture user state to or restore it from.",
            XmlTypes = ["SMS_TaskSequence_RequestStateStoreAction"],
            Settings =
            [
                Choice("StateStoreRequestType", "Purpose", "Capture", "Capture", "Restore"),
                Integer("RetryCount", "Retries", "3"),
                Integer("RetryTime", "Retry delay (seconds)", "60"),
                Flag("FallbackToNetworkAccessAccount", "Use the network access account if the device account fails"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.CaptureUserState, DisplayName = "Capture User State", Category = StepCategory.UserState,
            Description = "Copies user data folders into the state store, with include and exclude patterns.",
            XmlTypes = ["SMS_TaskSequence_CaptureUserStateAction"],
            Settings =
            [
                Reference(SettingKind.PackageReference, "UsmtPackageID", "User state migration tool package"),
                Path("StateStorePath", "State store location", defaultValue: "%OSDStateStorePath%"),
                Multiline("Folders", "Folders to capture (one per line)"),
                Multiline("Include", "Include patterns"),
                Multiline("Exclude", "Exclude patterns"),
                Flag("ContinueOnLockedFiles", "Skip files that cannot be read", true),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.RestoreUserState, DisplayName = "Restore User State", Category = StepCategory.UserState,
            Description = "Restores captured user data from the state store.",
            XmlTypes = ["SMS_TaskSequence_RestoreUserStateAction"],
            Settings =
            [
                Reference(SettingKind.PackageReference, "UsmtRestorePackageID", "User state migration tool package"),
                Path("StateStorePath", "State store location", defaultValue: "%OSDStateStorePath%"),
                Path("TargetRoot", "Restore to"),
                Flag("ContinueOnRestore", "Continue if some files cannot be restored", true),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ReleaseStateStore, DisplayName = "Release State Store", Category = StepCategory.UserState,
            Description = "Releases the state store after a restore so its retention can start.",
            XmlTypes = ["SMS_TaskSequence_ReleaseStateStoreAction"],
        },
    ];
}
