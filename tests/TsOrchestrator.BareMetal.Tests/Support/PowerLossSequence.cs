using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.BareMetal.Tests.Support;

/// <summary>
/// The sequence of the power-loss scenario: the disk steps of a bare-metal deployment, with Apply Operating System
/// Image allowed one retry after an unexpected restart (TS-SEMANTICS rule 13) and no restart of its own, so that the
/// only restart the run sees is the power loss.
/// </summary>
internal static class PowerLossSequence
{
    public const string Apply = "Apply Operating System";

    public static readonly string[] StepNames = ["Format and Partition Disk 0", "Download the Image", Apply, "Flush the Target"];

    public static TaskSequence Create(string bootImageId, string imagePackageId) => new()
    {
        Id = "POWERLOSS",
        Name = "Bare-metal deployment through a power loss",
        Advanced = new AdvancedProperties { BootImageId = bootImageId, MaximumRunTimeMinutes = 40 },
        Nodes =
        [
            new GroupNode
            {
                Name = "Install Operating System",
                Children =
                [
                    Step(StepNames[0], StepTypeIds.FormatAndPartitionDisk, new()
                    {
                        ["DiskIndex"] = "0", ["PartitionStyle"] = "MBR", ["Partitions"] = "1",
                        ["Partitions0Type"] = "Primary", ["Partitions0FileSystem"] = "ext4", ["Partitions0SizeUnits"] = "Remaining",
                        ["Partitions0VolumeName"] = "system", ["Partitions0VolumeLetterVariable"] = "OSDisk",
                    }),
                    Step(StepNames[1], StepTypeIds.DownloadPackageContent, new() { ["DownloadPackages"] = imagePackageId }),
                    Step(Apply, StepTypeIds.ApplyOperatingSystemImage, new()
                    {
                        ["ImagePackageID"] = imagePackageId, ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk",
                    }) with { RetryOnUnexpectedRestart = 1 },
                    // The machine is powered off, not shut down, at the end: freezing the file system writes its journal
                    // home, so the host reads what the machine wrote without replaying it.
                    Step(StepNames[3], StepTypeIds.RunCommandLine, new() { ["CommandLine"] = "sh -c \"sync; fsfreeze --freeze /mnt/target; fsfreeze --unfreeze /mnt/target\"" }),
                ],
            },
        ],
    };

    private static StepNode Step(string name, string type, Dictionary<string, string> settings) => new() { Name = name, Type = type, Settings = settings };
}
