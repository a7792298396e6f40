using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Bench.Osd;

/// <summary>
/// The install-os-like sequence the benchmark's machine runs: the bare-metal test's real OSD steps (readiness, one
/// MBR disk partitioned and formatted, the image downloaded and applied, settings, GRUB and the agent, the restart
/// into the installed system, a last step there) with one addition, a second partition of the same size and file
/// system where a Run Shell Script step extracts the same image file with the boot image's own tools right after the
/// apply: the raw baseline, measured on the same virtual disk in the same run.
/// </summary>
internal static class OsdSequence
{
    public const string DeployedName = "bench-vm";

    /// <summary>The scratch partition as the boot image sees it (virtio-blk, MBR partition 2).</summary>
    public const string ScratchPartition = "/dev/vda2";

    /// <summary>What the raw extract step prints, parsed from the run's log.</summary>
    public const string RawMarker = "tsorch-bench raw-extract";

    public static readonly string[] StepNames =
    [
        "Check Readiness", "Format and Partition Disk 0", "Download the Image", "Apply Operating System", "Raw Extract of the Same Image",
        "Apply Windows Settings", "Apply Network Settings", "Setup Operating System", "Run in the Installed System",
    ];

    public const int Format = 1;
    public const int Download = 2;
    public const int Apply = 3;
    public const int RawExtract = 4;
    public const int Setup = 7;
    public const int Last = 8;

    public static TaskSequence Create(string bootImageId, string imagePackageId, OsdImageFormat format) => new()
    {
        Id = "OSDBENCH",
        Name = "Bare-metal deployment benchmark",
        Advanced = new AdvancedProperties { BootImageId = bootImageId, MaximumRunTimeMinutes = 30 },
        Nodes =
        [
            new GroupNode
            {
                Name = "Install Operating System",
                Children =
                [
                    Step(StepNames[0], StepTypeIds.CheckReadiness, new() { ["CheckMemory"] = "true", ["Memory"] = "256" }),
                    Step(StepNames[1], StepTypeIds.FormatAndPartitionDisk, new()
                    {
                        // Two partitions of the same size and file system: the image's and the raw extract's.
                        ["DiskIndex"] = "0", ["PartitionStyle"] = "MBR", ["Partitions"] = "2",
                        ["Partitions0Type"] = "Primary", ["Partitions0FileSystem"] = "ext4", ["Partitions0SizeUnits"] = "Percent", ["Partitions0Size"] = "50",
                        ["Partitions0Bootable"] = "true", ["Partitions0VolumeName"] = "system", ["Partitions0VolumeLetterVariable"] = "OSDisk",
                        ["Partitions1Type"] = "Primary", ["Partitions1FileSystem"] = "ext4", ["Partitions1SizeUnits"] = "Remaining",
                        ["Partitions1VolumeName"] = "scratch",
                    }),
                    Step(StepNames[2], StepTypeIds.DownloadPackageContent, new() { ["DownloadPackages"] = imagePackageId }),
                    Step(StepNames[3], StepTypeIds.ApplyOperatingSystemImage, new()
                    {
                        ["ImagePackageID"] = imagePackageId, ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk",
                    }),
                    new StepNode
                    {
                        Name = StepNames[4], Type = StepTypeIds.RunShellScript,
                        Settings = new Dictionary<string, string> { ["Script"] = RawExtractScript(imagePackageId, format), ["Shell"] = "/bin/sh" },
                    },
                    Step(StepNames[5], StepTypeIds.ApplyWindowsSettings, new()
                    {
                        ["ComputerName"] = DeployedName, ["RegisteredUserName"] = "Lab", ["RegisteredOrgName"] = "TsOrchestrator",
                    }),
                    Step(StepNames[6], StepTypeIds.ApplyNetworkSettings, new() { ["Adapters"] = """[{"Name": "eth0", "EnableDHCP": true}]""" }),
                    Step(StepNames[7], StepTypeIds.SetupOperatingSystem, new() { ["BootFirmware"] = "BIOS", ["KernelArguments"] = "console=ttyS0,115200 no_timer_check" }),
                ],
            },
            Step(StepNames[8], StepTypeIds.RunCommandLine, new() { ["CommandLine"] = "sh -c \"echo deployed on $(hostname) > /root/bench-finished; sync\"" }),
        ],
    };

    /// <summary>
    /// The baseline: the boot image's busybox tar (fed by the zstd binary for tar.zst, which busybox tar cannot read)
    /// extracting the file the Download step fetched onto the fresh scratch partition. The apply's dirty pages are
    /// written back first and timed apart (they belong to the apply), then the extract, then its own write-back; the
    /// guest's /proc/uptime clocks it.
    /// </summary>
    private static string RawExtractScript(string imagePackageId, OsdImageFormat format)
    {
        var extract = format == OsdImageFormat.TarZstd
            ? "zstd -dc \"$image\" | tar -x -C /mnt/scratch -f -"
            : "tar -x -C /mnt/scratch -f \"$image\"";
        return $$"""
            set -eu
            set -o pipefail
            image="$_TSPackagePath{{imagePackageId}}/{{OsdImage.FileName(format)}}"
            up() { cut -d' ' -f1 /proc/uptime; }
            seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
            mkdir -p /mnt/scratch
            mount {{ScratchPartition}} /mnt/scratch
            t0=$(up); sync; t1=$(up)
            {{extract}}
            t2=$(up); sync; t3=$(up)
            files=$(find /mnt/scratch -type f | wc -l)
            kib=$(du -sk /mnt/scratch | cut -f1)
            umount /mnt/scratch
            echo "{{RawMarker}} writeback_before=$(seconds $t0 $t1) extract=$(seconds $t1 $t2) writeback_after=$(seconds $t2 $t3) files=$files kib=$kib"
            """;
    }

    private static StepNode Step(string name, string type, Dictionary<string, string> settings) => new() { Name = name, Type = type, Settings = settings };
}
