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
                Integer("Partitions", "Partition count"),
                Rules("PartitionLayout", "Partitions"),
            ],

            // Configuration Manager's partition array, as the Linux agent reads it (Disks/PartitionLayout).
            NumberedSettings =
            [
                new NumberedSettingFamily
                {
                    Prefix = "Partitions", ElementName = "partition", CountSetting = "Partitions",
                    Members =
                    [
                        Integer("Size", "Size"),
                        Choice("SizeUnits", "Size unit", "MB", "MB", "GB", "Percent", "%", "Remaining"),
                        Choice("FileSystem", "File system", "", "NTFS", "FAT32", "FAT", "vfat", "ext4", "xfs", "None"),
                        Choice("Type", "Partition type", "Primary", "Primary", "EFI", "MSR", "Recovery", "Extended", "Logical"),
                        Text("VolumeName", "Volume label"),
                        Text("Name", "Partition name"),
                        Flag("QuickFormat", "Quick format", true),
                        Flag("Bootable", "Make this the boot partition"),
                        Variable("VolumeLetterVariable", "Variable for the partition"),
                        Flag("AssignVolumeLetter", "Assign a drive letter") with
                        {
                            NoMeaningOnLinux = "Linux has no drive letters: the partition's variable (VolumeLetterVariable) holds its device node",
                        },
                    ],
                },
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
