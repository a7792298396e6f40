using System.Text.Json;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.Disks;

/// <summary>Format and Partition Disk on real loop devices: the table sfdisk reads back and the file systems blkid finds.</summary>
public sealed class FormatAndPartitionDiskHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    [Fact]
    public async Task Gpt_layout_by_size_percent_and_remaining_makes_each_file_system_and_names_each_partition_in_its_variable()
    {
        using var disk = new LoopDisk(1024);

        var result = await FormatAsync(disk, new()
        {
            ["DiskIndex"] = "0", ["PartitionStyle"] = "GPT", ["Partitions"] = "4",
            ["Partitions0Type"] = "EFI", ["Partitions0FileSystem"] = "FAT32", ["Partitions0Size"] = "100", ["Partitions0SizeUnits"] = "MB", ["Partitions0VolumeLetterVariable"] = "EfiPartition",
            ["Partitions1FileSystem"] = "ext4", ["Partitions1Size"] = "20", ["Partitions1SizeUnits"] = "Percent", ["Partitions1VolumeName"] = "system", ["Partitions1VolumeLetterVariable"] = "OSDisk",
            ["Partitions2FileSystem"] = "xfs", ["Partitions2Size"] = "320", ["Partitions2VolumeLetterVariable"] = "DataDisk",
            ["Partitions3FileSystem"] = "NTFS", ["Partitions3SizeUnits"] = "Remaining", ["Partitions3VolumeLetterVariable"] = "WindowsDisk",
        });

        result.ExitCode.ShouldBe(0);
        result.Variables.ShouldNotBeNull();
        result.Variables["EfiPartition"].ShouldBe(disk.Partition(1));
        result.Variables["OSDisk"].ShouldBe(disk.Partition(2));
        result.Variables["DataDisk"].ShouldBe(disk.Partition(3));
        result.Variables["WindowsDisk"].ShouldBe(disk.Partition(4));
        LoopDisk.FileSystemOf(disk.Partition(1)).ShouldBe("vfat");
        LoopDisk.FileSystemOf(disk.Partition(2)).ShouldBe("ext4");
        LoopDisk.FileSystemOf(disk.Partition(3)).ShouldBe("xfs");
        LoopDisk.FileSystemOf(disk.Partition(4)).ShouldBe("ntfs");
        LoopDisk.Run("blkid", "-p", "-o", "value", "-s", "LABEL", disk.Partition(2)).Trim().ShouldBe("system");

        var table = Table(disk);
        table.GetProperty("label").GetString().ShouldBe("gpt");
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        partitions.Count.ShouldBe(4);
        partitions[0].GetProperty("type").GetString().ShouldBe("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
        Megabytes(partitions[0]).ShouldBe(100);
        Megabytes(partitions[1]).ShouldBe((1024 - 2 - 100) * 20 / 100); // a fifth of what the EFI partition left (1 MiB each end for the tables)
        Megabytes(partitions[2]).ShouldBe(320);
        Megabytes(partitions[3]).ShouldBe(1024 - 2 - 100 - 184 - 320);
    }

    [Fact]
    public async Task Mbr_layout_marks_the_bootable_partition_and_fills_the_disk()
    {
        using var disk = new LoopDisk(256);

        var result = await FormatAsync(disk, new()
        {
            ["PartitionStyle"] = "MBR", ["Partitions"] = "2",
            ["Partitions0FileSystem"] = "ext4", ["Partitions0Size"] = "50", ["Partitions0SizeUnits"] = "Percent", ["Partitions0Bootable"] = "true",
            ["Partitions1FileSystem"] = "vfat", ["Partitions1VolumeLetterVariable"] = "Shared",
        });

        result.ExitCode.ShouldBe(0);
        var table = Table(disk);
        table.GetProperty("label").GetString().ShouldBe("dos");
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        partitions[0].TryGetProperty("bootable", out var bootable).ShouldBeTrue();
        bootable.GetBoolean().ShouldBeTrue();
        Megabytes(partitions[0]).ShouldBe(127);
        Megabytes(partitions[1]).ShouldBe(128);
        LoopDisk.FileSystemOf(disk.Partition(1)).ShouldBe("ext4");
        LoopDisk.FileSystemOf(disk.Partition(2)).ShouldBe("vfat");
        result.Variables!["Shared"].ShouldBe(disk.Partition(2));
    }

    [Fact]
    public async Task Layout_larger_than_the_disk_fails_naming_the_partition_and_sizes_before_anything_is_written()
    {
        using var disk = new LoopDisk(256);
        await FormatAsync(disk, new() { ["Partitions"] = "1", ["Partitions0FileSystem"] = "ext4" });
        var before = disk.Table();

        var failure = await Should.ThrowAsync<StepFailedException>(() => FormatAsync(disk, new()
        {
            ["PartitionStyle"] = "MBR", ["Partitions"] = "2",
            ["Partitions0FileSystem"] = "ext4", ["Partitions0Size"] = "100",
            ["Partitions1FileSystem"] = "xfs", ["Partitions1Size"] = "2", ["Partitions1SizeUnits"] = "GB",
        }));

        failure.Message.ShouldContain("Partitions1Size: partition 2 needs 2048 MiB");
        failure.Message.ShouldContain($"disk 0 ({disk.Device}, 256 MiB) has 155 MiB left after partition 1");
        failure.Message.ShouldContain("nothing was written");
        disk.Table().ShouldBe(before);
        LoopDisk.FileSystemOf(disk.Partition(1)).ShouldBe("ext4");
    }

    [Theory]
    [InlineData("Partitions0FileSystem", "btrfs", "Partitions0FileSystem: 'btrfs' is not a file system this agent makes")]
    [InlineData("Partitions0SizeUnits", "TB", "Partitions0SizeUnits: 'TB' is not MB, GB, Percent or Remaining")]
    [InlineData("Partitions0FileSystem", "xfs", "Partitions0Size: partition 1 of 62 MiB is too small for xfs (at least 300 MiB)")]
    [InlineData("Partitions0Type", "Logical", "Partitions0Type: 'Logical' is not a partition type this agent makes")]
    public async Task Bad_partition_setting_fails_naming_the_field_and_leaves_the_disk_as_it_was(string field, string value, string message)
    {
        using var disk = new LoopDisk(64);
        var settings = new Dictionary<string, string> { ["Partitions"] = "1", ["Partitions0FileSystem"] = "ext4", [field] = value };

        (await Should.ThrowAsync<StepFailedException>(() => FormatAsync(disk, settings))).Message.ShouldStartWith(message);
        disk.Table().ShouldBeEmpty();
    }

    [Fact]
    public async Task Disk_number_beyond_the_agent_disks_fails_listing_the_disks_it_has()
    {
        using var disk = new LoopDisk(64);

        (await Should.ThrowAsync<StepFailedException>(() => FormatAsync(disk, new() { ["DiskIndex"] = "1", ["Partitions"] = "1", ["Partitions0FileSystem"] = "ext4" })))
            .Message.ShouldBe($"DiskIndex: there is no disk 1 on this device (disks: 0 = {disk.Device})");
    }

    private Task<WorkItemResult> FormatAsync(LoopDisk disk, Dictionary<string, string> settings) =>
        new FormatAndPartitionDiskHandler().RunAsync(_sandbox.Context(StepTypeIds.FormatAndPartitionDisk, settings).OnDisks(disk), CancellationToken.None);

    private static JsonElement Table(LoopDisk disk) =>
        JsonDocument.Parse(LoopDisk.Run("sfdisk", "--json", disk.Device)).RootElement.GetProperty("partitiontable");

    private static long Megabytes(JsonElement partition) => partition.GetProperty("size").GetInt64() * 512 / (1024 * 1024);

    public void Dispose() => _sandbox.Dispose();
}
