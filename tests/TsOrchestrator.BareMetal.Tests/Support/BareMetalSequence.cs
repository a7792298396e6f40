using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.TaskSequences;
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

    /// <summary>The steps of the Linux install-os template that run on a blank machine, in order.</summary>
    public static readonly string[] DeploymentStepNames =
    [
        "Check Readiness", "Partition Disk 0 - BIOS", "Download Image and Drivers", "Apply Operating System", "Apply Windows Settings",
        "Apply Network Settings", "Apply Device Drivers", "Setup Operating System", "Install Software",
    ];

    /// <summary>
    /// The template's steps a blank machine skips by their conditions: the restart into the boot image (it is in the
    /// boot image already) and the UEFI layout (the machine has BIOS).
    /// </summary>
    public static readonly string[] SkippedStepNames = ["Restart in the Boot Image", "Partition Disk 0 - UEFI"];

    /// <summary>The template's groups a blank machine skips whole: the state capture (not in the full OS) and the restore (nothing was captured).</summary>
    public static readonly string[] SkippedGroupNames = ["Capture Files and Settings", "Restore User Files and Settings"];

    /// <summary>The installed system's program of the software package: the step after the restart writes <see cref="AfterRestartFile"/>.</summary>
    public const string SoftwareScript = $"echo installed on $(hostname) > /{AfterRestartFile}\nsync\n";

    /// <summary>
    /// Issue 12's bare-metal deployment, derived from the Linux install-os template as the Create wizard gives it: its
    /// placeholder packages replaced (the image, the software; no driver package), the boot image chosen, and the
    /// settings this machine needs (the computer name, DHCP on eth0, GRUB for BIOS with a serial console).
    /// </summary>
    public static async Task<TaskSequence> FromInstallOsTemplateAsync(IAdminApi admin, string bootImageId, string imagePackageId, string softwarePackageId)
    {
        var created = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Name = "Bare-metal operating system deployment", Template = "install-os", Platform = "linux" });
        var packages = new Dictionary<string, string> { ["PKG00001"] = imagePackageId, ["PKG00002"] = softwarePackageId };
        var settings = new Dictionary<string, Dictionary<string, string>>
        {
            ["Check Readiness"] = new() { ["CheckMemory"] = "true", ["Memory"] = "256" },
            ["Apply Windows Settings"] = new() { ["ComputerName"] = DeployedName },
            ["Apply Network Settings"] = new() { ["Adapters"] = """[{"Name": "eth0", "EnableDHCP": true}]""" },
            ["Setup Operating System"] = new() { ["BootFirmware"] = "BIOS", ["KernelArguments"] = "console=ttyS0,115200 no_timer_check" },
        };
        var sequence = created.Sequence;
        return sequence with
        {
            Advanced = sequence.Advanced with { BootImageId = bootImageId, MaximumRunTimeMinutes = 40 },
            Nodes = [.. sequence.Nodes.Select(n => Fill(n, packages, settings))],
        };
    }

    private static TaskSequenceNode Fill(TaskSequenceNode node, Dictionary<string, string> packages, Dictionary<string, Dictionary<string, string>> settings)
    {
        if (node is GroupNode group)
        {
            return group with { Children = [.. group.Children.Select(c => Fill(c, packages, settings))] };
        }

        var step = (StepNode)node;
        var filled = new Dictionary<string, string>(step.Settings);
        foreach (var (name, value) in step.Settings.Where(s => s.Value.Contains("PKG0000", StringComparison.Ordinal)))
        {
            // A placeholder with no package to stand for (the driver package) is left out of the list.
            filled[name] = string.Join(',', value.Split(',', StringSplitOptions.TrimEntries)
                .Select(r => packages.TryGetValue(r, out var id) ? id : r).Where(r => !r.StartsWith("PKG0000", StringComparison.Ordinal)));
        }

        foreach (var (name, value) in settings.GetValueOrDefault(step.Name) ?? [])
        {
            filled[name] = value;
        }

        return step with { Settings = filled };
    }

    private static StepNode Shell(string name, string script) => new()
    {
        Name = name, Type = StepTypeIds.RunShellScript,
        Settings = new Dictionary<string, string> { ["Script"] = script, ["Shell"] = "/bin/sh" },
    };
}
