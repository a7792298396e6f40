using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.BareMetal.Tests.Support;

/// <summary>
/// The sequence the virtual machine runs, built in one place: a bare-metal deployment's shape (partition and format
/// the disk, write the system onto it, restart, go on after the restart). Today its disk work is Run Shell Script
/// steps calling the boot image's own disk tools; the OSD steps (Format and Partition Disk, Apply Operating System
/// Image, Setup Operating System) take their places here, and the test's checks stay.
/// </summary>
internal static class BareMetalSequence
{
    /// <summary>The disk as the boot image sees it (virtio-blk), its system partition, and where the sequence mounts it.</summary>
    public const string Disk = "/dev/vda";

    public const string SystemPartition = "/dev/vda2";

    /// <summary>
    /// The boot image's init moves the agent's journal onto whatever is mounted here when the agent asks for a
    /// restart (Configuration Manager keeps _SMSTaskSequence on the target disk the same way).
    /// </summary>
    public const string TargetRoot = "/mnt/target";

    /// <summary>The file the steps write on the system partition: one line before the restart, one after.</summary>
    public const string MarkerFile = "tsorch-deployed.txt";

    public static readonly string[] StepNames =
    [
        "Partition Disk 0", "Format System Partition", "Apply System Files", "Restart Computer", "Finish After Restart",
    ];

    public static TaskSequence Create(string bootImageId) => new()
    {
        Id = "BAREMETAL",
        Name = "Bare-metal deployment",
        Advanced = new AdvancedProperties { BootImageId = bootImageId, MaximumRunTimeMinutes = 30 },
        Nodes =
        [
            new GroupNode
            {
                Name = "Install Operating System",
                Children =
                [
                    Shell(StepNames[0], $"""
                        set -eu
                        wipefs --all --quiet {Disk}
                        printf 'label: gpt\nsize=100MiB, type=uefi, name=EFI\ntype=linux, name=system\n' | sfdisk --quiet --wipe always {Disk}
                        blockdev --rereadpt {Disk} || true
                        """),
                    Shell(StepNames[1], $"""
                        set -eu
                        mkfs.vfat -F 32 -n EFI {Disk}1
                        mkfs.ext4 -q -F -L TSSYSTEM {SystemPartition}
                        mkdir -p {TargetRoot}
                        mount {SystemPartition} {TargetRoot}
                        """),
                    Shell(StepNames[2], $"""
                        set -eu
                        mkdir -p {TargetRoot}/etc
                        echo "before restart on $(hostname)" > {TargetRoot}/{MarkerFile}
                        sync
                        """),
                ],
            },
            new StepNode
            {
                Name = StepNames[3], Type = StepTypeIds.RestartComputer,
                Settings = new Dictionary<string, string> { ["Target"] = "WinPE", ["MessageTimeout"] = "0" },
            },
            Shell(StepNames[4], $"""
                set -eu
                grep -q "before restart" {TargetRoot}/{MarkerFile}
                echo "after restart" >> {TargetRoot}/{MarkerFile}
                sync
                """),
        ],
    };

    /// <summary>The installed system's file the step after the restart writes, and its text.</summary>
    public const string AfterRestartFile = "root/after-restart";

    public const string DeployedName = "deployed-vm";

    public static readonly string[] DeploymentStepNames =
    [
        "Check Readiness", "Format and Partition Disk 0", "Download the Image", "Apply Operating System", "Apply Windows Settings",
        "Apply Network Settings", "Setup Operating System", "Write in the Installed System",
    ];

    /// <summary>
    /// Issue 12's bare-metal deployment with the real steps: the readiness check, one bootable ext4 partition on an MBR
    /// disk (GRUB for BIOS on GPT would need a BIOS boot partition) named in OSDisk, the image downloaded and applied
    /// there, the computer name and DHCP written into it, GRUB and the agent installed by Setup Operating System, which
    /// asks for the restart into the installed system; the last step runs there.
    /// </summary>
    public static TaskSequence CreateDeployment(string bootImageId, string imagePackageId) => new()
    {
        Id = "OSDEPLOY",
        Name = "Bare-metal operating system deployment",
        Advanced = new AdvancedProperties { BootImageId = bootImageId, MaximumRunTimeMinutes = 40 },
        Nodes =
        [
            new GroupNode
            {
                Name = "Install Operating System",
                Children =
                [
                    Step(DeploymentStepNames[0], StepTypeIds.CheckReadiness, new() { ["CheckMemory"] = "true", ["Memory"] = "256" }),
                    Step(DeploymentStepNames[1], StepTypeIds.FormatAndPartitionDisk, new()
                    {
                        ["DiskIndex"] = "0", ["PartitionStyle"] = "MBR", ["Partitions"] = "1",
                        ["Partitions0Type"] = "Primary", ["Partitions0FileSystem"] = "ext4", ["Partitions0SizeUnits"] = "Remaining",
                        ["Partitions0Bootable"] = "true", ["Partitions0VolumeName"] = "system", ["Partitions0VolumeLetterVariable"] = "OSDisk",
                    }),
                    Step(DeploymentStepNames[2], StepTypeIds.DownloadPackageContent, new() { ["DownloadPackages"] = imagePackageId }),
                    Step(DeploymentStepNames[3], StepTypeIds.ApplyOperatingSystemImage, new()
                    {
                        ["ImagePackageID"] = imagePackageId, ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk",
                    }),
                    Step(DeploymentStepNames[4], StepTypeIds.ApplyWindowsSettings, new()
                    {
                        // Required by the catalog (Configuration Manager requires them); no meaning on Linux, the handler says so.
                        ["ComputerName"] = DeployedName, ["RegisteredUserName"] = "Lab", ["RegisteredOrgName"] = "TsOrchestrator",
                    }),
                    Step(DeploymentStepNames[5], StepTypeIds.ApplyNetworkSettings, new()
                    {
                        ["Adapters"] = """[{"Name": "eth0", "EnableDHCP": true}]""",
                    }),
                    Step(DeploymentStepNames[6], StepTypeIds.SetupOperatingSystem, new() { ["BootFirmware"] = "BIOS", ["KernelArguments"] = "console=ttyS0,115200" }),
                ],
            },
            Step(DeploymentStepNames[7], StepTypeIds.RunCommandLine, new()
            {
                ["CommandLine"] = $"sh -c \"echo installed on $(hostname) > /{AfterRestartFile}; sync\"",
            }),
        ],
    };

    private static StepNode Step(string name, string type, Dictionary<string, string> settings) => new() { Name = name, Type = type, Settings = settings };

    private static StepNode Shell(string name, string script) => new()
    {
        Name = name, Type = StepTypeIds.RunShellScript,
        Settings = new Dictionary<string, string> { ["Script"] = script, ["Shell"] = "/bin/sh" },
    };
}
