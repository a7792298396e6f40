using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class DiskSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.FormatAndPartitionDisk, DisplayName = "Format and Partition Disk", Category = StepCategory.Disks,
            Description = "Wipes a disk and creates its partitions (on Linux each partition's variable holds its device node).",
            HighImpact = true,
            XmlTypes = ["SMS_TaskSequence_PartitionDiskAction"],
            Settings =
            [
                Integer("DiskIndex", "Disk number", "0", required: true),
                Choice("PartitionStyle", "Disk type", "GPT", "GPT", "MBR"),
                Text("Partitions", "Partition count"),
                Rules("PartitionLayout", "Partitions"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ConvertDisk, DisplayName = "Convert Disk to Dynamic", Category = StepCategory.Disks,
            Description = "Converts a basic disk to a dynamic disk.",
            XmlTypes = ["SMS_TaskSequence_ConvertDiskAction"],
            Settings = [Integer("DiskIndex", "Disk number", "0", required: true)],
        },
        new()
        {
            TypeId = StepTypeIds.EnableBitLocker, DisplayName = "Enable BitLocker", Category = StepCategory.Disks,
            Description = "Encrypts a drive with BitLocker and stores its recovery information.",
            XmlTypes = ["SMS_TaskSequence_EnableBitLockerAction"],
            Settings =
            [
                Choice("Mode", "Key management", "TPM", "TPM", "TPMAndPIN", "TPMAndUSB", "USB", "Password"),
                Text("BdeTargetDriveLetter", "Drive"),
                Choice("CreateRecoveryPassword", "Recovery password", "AD", "AD", "Skip"),
                Flag("WaitForEncryption", "Wait for encryption to complete"),
                Flag("SkipWhenNoValidTPM", "Skip when there is no valid TPM"),
                Password("Pin", "PIN"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.DisableBitLocker, DisplayName = "Disable BitLocker", Category = StepCategory.Disks,
            Description = "Suspends BitLocker protection for a number of restarts.",
            XmlTypes = ["SMS_TaskSequence_DisableBitLockerAction"],
            Settings =
            [
                Text("Drive", "Drive"),
                Integer("RebootCount", "Resume protection after restarts", "1"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.PreProvisionBitLocker, DisplayName = "Pre-provision BitLocker", Category = StepCategory.Disks,
            Description = "Enables BitLocker on a drive while in the boot image.",
            XmlTypes = ["SMS_TaskSequence_OfflineEnableBitLockerAction"],
            Settings = [Text("Drive", "Drive")],
        },
    ];
}
