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

    private static StepNode Shell(string name, string script) => new()
    {
        Name = name, Type = StepTypeIds.RunShellScript,
        Settings = new Dictionary<string, string> { ["Script"] = script, ["Shell"] = "/bin/sh" },
    };
}
