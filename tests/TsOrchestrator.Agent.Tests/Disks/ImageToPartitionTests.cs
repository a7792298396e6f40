using System.Formats.Tar;
using System.IO.Compression;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using ZstdSharp;

namespace TsOrchestrator.Agent.Tests.Disks;

/// <summary>Apply Operating System Image and Apply Data Image onto partitions of a real loop disk, mounted by the agent.</summary>
public sealed class ImageToPartitionTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    [Theory]
    [InlineData(".tar")]
    [InlineData(".tar.zst")]
    [InlineData(".zip")]
    [InlineData(".wim")]
    public async Task Image_applied_to_the_partition_a_variable_names_is_read_back_from_that_partition(string extension)
    {
        using var disk = new LoopDisk(128);
        var variables = await FormatOnePartitionAsync(disk);
        var image = Image(extension);

        var result = await ApplyAsync(disk, new() { ["ImagePackageID"] = image, ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk" }, variables);

        var mount = Path.Combine(disk.MountRoot, Path.GetFileName(disk.Partition(1)));
        result.Variables!["OSDTargetSystemDrive"].ShouldBe(mount);
        result.Variables["OSDTargetSystemPartition"].ShouldBe(disk.Partition(1));
        MountedFrom(mount).ShouldBe(disk.Partition(1));
        File.ReadAllText(Path.Combine(mount, "etc", "hostname")).ShouldBe("image-host\n");
        File.ReadAllBytes(Path.Combine(mount, "usr", "lib", "blob.bin")).ShouldBe(Blob);
        Directory.GetDirectories(mount, ".tsorch-staging-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Corrupt_image_fails_and_leaves_the_partition_as_the_last_good_image_left_it()
    {
        using var disk = new LoopDisk(128);
        var variables = await FormatOnePartitionAsync(disk);
        var settings = new Dictionary<string, string> { ["DestinationOSInstallType"] = "ByDiskPartition", ["DestinationDisk"] = "0", ["DestinationPartition"] = "1" };
        await ApplyAsync(disk, new(settings) { ["ImagePackageID"] = Image(".tar") }, variables);
        var good = Image(".tar.zst");
        var corrupt = Path.Combine(_sandbox.Root, "corrupt.tar.zst");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(good)[..(int)(new FileInfo(good).Length / 2)]);

        var failure = await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(disk, new(settings) { ["ImagePackageID"] = corrupt }, variables));

        failure.Message.ShouldContain(corrupt);
        var mount = Path.Combine(disk.MountRoot, Path.GetFileName(disk.Partition(1)));
        File.ReadAllText(Path.Combine(mount, "etc", "hostname")).ShouldBe("image-host\n");
        File.ReadAllBytes(Path.Combine(mount, "usr", "lib", "blob.bin")).ShouldBe(Blob);
        Directory.GetDirectories(mount, ".tsorch-staging-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_image_fails_naming_the_field_before_the_partition_is_mounted()
    {
        using var disk = new LoopDisk(64);
        var variables = await FormatOnePartitionAsync(disk);

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(disk, new() { ["ImagePackageID"] = "/nonexistent/system.wim", ["DestinationOSInstallType"] = "NextPartition" }, variables)))
            .Message.ShouldBe("ImagePackageID: the image /nonexistent/system.wim does not exist");
        MountedFrom(Path.Combine(disk.MountRoot, Path.GetFileName(disk.Partition(1)))).ShouldBeNull();
    }

    [Fact]
    public async Task Data_image_goes_to_the_next_partition_after_the_target_system_and_wipes_what_it_held()
    {
        using var disk = new LoopDisk(512);
        await FormatAsync(disk, new()
        {
            ["Partitions"] = "2", ["Partitions0FileSystem"] = "ext4", ["Partitions0Size"] = "100",
            ["Partitions1FileSystem"] = "xfs", ["Partitions1SizeUnits"] = "Remaining",
        });
        var system = await ApplyAsync(disk, new() { ["ImagePackageID"] = Image(".tar"), ["DestinationOSInstallType"] = "NextPartition" }, []);
        var dataMount = Path.Combine(disk.MountRoot, Path.GetFileName(disk.Partition(2)));
        var data = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "data-source")).FullName;
        File.WriteAllText(Path.Combine(data, "records.csv"), "id,name\n1,lab\n");
        var dataImage = Path.Combine(_sandbox.Root, "data.zip");
        ZipFile.CreateFromDirectory(data, dataImage);
        var context = _sandbox.Context(StepTypeIds.ApplyDataImage, new() { ["ImagePackageID"] = dataImage, ["DestinationInstallType"] = "NextPartition" }, system.Variables!.ToDictionary()).OnDisks(disk);
        await new ApplyDataImageHandler().RunAsync(context, CancellationToken.None);
        File.WriteAllText(Path.Combine(dataMount, "stale.txt"), "from before");

        await new ApplyDataImageHandler().RunAsync(context, CancellationToken.None);

        system.Variables!["OSDTargetSystemPartition"].ShouldBe(disk.Partition(1));
        MountedFrom(dataMount).ShouldBe(disk.Partition(2));
        File.ReadAllText(Path.Combine(dataMount, "records.csv")).ShouldBe("id,name\n1,lab\n");
        File.Exists(Path.Combine(dataMount, "stale.txt")).ShouldBeFalse();
        File.Exists(Path.Combine(system.Variables["OSDTargetSystemDrive"], "records.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Target_system_is_mounted_again_where_its_variable_says_after_the_agent_lost_the_mount()
    {
        using var disk = new LoopDisk(64);
        var variables = await FormatOnePartitionAsync(disk);
        var result = await ApplyAsync(disk, new() { ["ImagePackageID"] = Image(".tar"), ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk" }, variables);
        var drive = result.Variables!["OSDTargetSystemDrive"];
        LoopDisk.Run("umount", drive);
        File.Exists(Path.Combine(drive, "etc", "hostname")).ShouldBeFalse();

        var context = _sandbox.Context(StepTypeIds.ApplyWindowsSettings, [], result.Variables.ToDictionary()).OnDisks(disk);
        (await TargetSystemRoot.RequireAsync(context, "Apply Windows Settings", CancellationToken.None)).ShouldBe(drive);

        File.ReadAllText(Path.Combine(drive, "etc", "hostname")).ShouldBe("image-host\n");
    }

    [Fact]
    public async Task Image_applied_again_over_a_half_applied_partition_leaves_exactly_the_image_and_keeps_SMSTaskSequence()
    {
        using var disk = new LoopDisk(128);
        var variables = await FormatOnePartitionAsync(disk);
        var settings = new Dictionary<string, string> { ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk" };
        await ApplyAsync(disk, new(settings) { ["ImagePackageID"] = Image(".tar") }, variables);
        var mount = Path.Combine(disk.MountRoot, Path.GetFileName(disk.Partition(1)));
        var (source, image) = SecondImage();

        // What a power loss in the middle of applying the second image leaves: its staging folder with part of the tree
        // (one file torn), part of the tree already moved over the first image's, and the first image's other files.
        var staging = Directory.CreateDirectory(Path.Combine(mount, ImageApplier.StagingPrefix + Guid.NewGuid().ToString("N"), "usr", "bin")).FullName;
        File.WriteAllBytes(Path.Combine(staging, "tool"), SecondBlob[..1000]);
        Directory.CreateDirectory(Path.Combine(mount, "opt", "second"));
        File.WriteAllText(Path.Combine(mount, "opt", "second", "release"), "second release\n");
        File.WriteAllText(Path.Combine(mount, "etc", "half-written.conf"), "torn");

        // The boot image's layout after a power loss: the agent's state in _SMSTaskSequence, reached through init's own
        // mount of the partition, and the agent's mount of it gone with the boot before.
        var stateMount = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "mnt-target")).FullName;
        LoopDisk.Run("mount", disk.Partition(1), stateMount);
        LoopDisk.Run("umount", mount);
        try
        {
            var state = Directory.CreateDirectory(Path.Combine(stateMount, ImageApplier.TaskSequenceFolder, "agent")).FullName;
            File.WriteAllText(Path.Combine(state, "journal.json"), "{\"runId\":\"R1\"}");
            var context = _sandbox.Context(StepTypeIds.ApplyOperatingSystemImage, new(settings) { ["ImagePackageID"] = image }, variables).OnDisks(disk);
            context = new StepContext
            {
                RunId = context.RunId, WorkItem = context.WorkItem, Settings = context.Settings, Variables = context.Variables, Log = context.Log,
                Options = context.Options with { StateDirectory = state }, WorkDirectory = Directory.CreateDirectory(Path.Combine(state, "work", "w1")).FullName,
            };

            await new ApplyOperatingSystemImageHandler().RunAsync(context, CancellationToken.None);

            MountedFrom(mount).ShouldBe(disk.Partition(1));
            var applied = Files(mount);
            applied.Remove(ImageApplier.TaskSequenceFolder + "/agent/journal.json").ShouldBeTrue();
            applied.ShouldBe(Files(source));
            Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .ShouldBe(Directory.EnumerateFileSystemEntries(source).Select(Path.GetFileName).Append(ImageApplier.TaskSequenceFolder).Order(StringComparer.Ordinal));
            File.ReadAllText(Path.Combine(stateMount, ImageApplier.TaskSequenceFolder, "agent", "journal.json")).ShouldBe("{\"runId\":\"R1\"}");
        }
        finally
        {
            LoopDisk.Run("umount", stateMount);
        }
    }

    [Fact]
    public async Task Target_system_partition_the_running_system_mounted_elsewhere_is_refused_not_mounted_twice()
    {
        using var disk = new LoopDisk(64);
        var variables = await FormatOnePartitionAsync(disk);
        var result = await ApplyAsync(disk, new() { ["ImagePackageID"] = Image(".tar"), ["DestinationOSInstallType"] = "ByVariable", ["DestinationOSVariable"] = "OSDisk" }, variables);
        var drive = result.Variables!["OSDTargetSystemDrive"];
        LoopDisk.Run("umount", drive);
        var elsewhere = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(disk.MountRoot)!, "in-use")).FullName;
        LoopDisk.Run("mount", disk.Partition(1), elsewhere);

        var context = _sandbox.Context(StepTypeIds.ApplyWindowsSettings, [], result.Variables.ToDictionary()).OnDisks(disk);
        var failure = await Should.ThrowAsync<StepFailedException>(() => TargetSystemRoot.RequireAsync(context, "Apply Windows Settings", CancellationToken.None));

        failure.Message.ShouldContain($"in use (mounted on {elsewhere})");
        MountedFrom(drive).ShouldBeNull();
    }

    [Fact]
    public async Task Target_system_folder_holding_another_partition_is_refused()
    {
        using var disk = new LoopDisk(64);
        await FormatAsync(disk, new()
        {
            ["Partitions"] = "2", ["Partitions0FileSystem"] = "ext4", ["Partitions0Size"] = "50", ["Partitions0SizeUnits"] = "Percent",
            ["Partitions1FileSystem"] = "ext4",
        });
        var drive = Directory.CreateDirectory(Path.Combine(disk.MountRoot, "system")).FullName;
        LoopDisk.Run("mount", disk.Partition(2), drive);
        var variables = new Dictionary<string, string> { ["OSDTargetSystemDrive"] = drive, ["OSDTargetSystemPartition"] = disk.Partition(1) };

        var context = _sandbox.Context(StepTypeIds.ApplyWindowsSettings, [], variables).OnDisks(disk);
        var failure = await Should.ThrowAsync<StepFailedException>(() => TargetSystemRoot.RequireAsync(context, "Apply Windows Settings", CancellationToken.None));

        failure.Message.ShouldBe($"{drive} (OSDTargetSystemDrive) holds {disk.Partition(2)}, not the applied system's partition {disk.Partition(1)} (OSDTargetSystemPartition)");
    }

    private static readonly byte[] Blob = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31))];

    private async Task<Dictionary<string, string>> FormatOnePartitionAsync(LoopDisk disk) =>
        (await FormatAsync(disk, new() { ["Partitions"] = "1", ["Partitions0FileSystem"] = "ext4", ["Partitions0VolumeLetterVariable"] = "OSDisk" })).Variables!.ToDictionary();

    private Task<WorkItemResult> FormatAsync(LoopDisk disk, Dictionary<string, string> settings) =>
        new FormatAndPartitionDiskHandler().RunAsync(_sandbox.Context(StepTypeIds.FormatAndPartitionDisk, settings).OnDisks(disk), CancellationToken.None);

    private Task<WorkItemResult> ApplyAsync(LoopDisk disk, Dictionary<string, string> settings, Dictionary<string, string> variables) =>
        new ApplyOperatingSystemImageHandler().RunAsync(_sandbox.Context(StepTypeIds.ApplyOperatingSystemImage, settings, variables).OnDisks(disk), CancellationToken.None);

    private static readonly byte[] SecondBlob = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 + 3))];

    /// <summary>Another system (a tar.zst) with files the first image has, changed, and files of its own.</summary>
    private (string Source, string Image) SecondImage()
    {
        var source = Path.Combine(_sandbox.Root, "second-source");
        Directory.CreateDirectory(Path.Combine(source, "etc"));
        Directory.CreateDirectory(Path.Combine(source, "usr", "bin"));
        Directory.CreateDirectory(Path.Combine(source, "opt", "second"));
        File.WriteAllText(Path.Combine(source, "etc", "hostname"), "second-host\n");
        File.WriteAllBytes(Path.Combine(source, "usr", "bin", "tool"), SecondBlob);
        File.WriteAllText(Path.Combine(source, "opt", "second", "release"), "second release\n");
        var image = Path.Combine(_sandbox.Root, "second.tar.zst");
        using (var file = File.Create(image))
        using (var zstd = new CompressionStream(file))
        {
            TarFile.CreateFromDirectory(source, zstd, includeBaseDirectory: false);
        }

        return (source, image);
    }

    /// <summary>Every regular file under <paramref name="root"/> by relative path, with its content's SHA-256.</summary>
    private static SortedDictionary<string, string> Files(string root) => new(
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    /// <summary>A small system image in the given format, made with the format's own tools.</summary>
    private string Image(string extension)
    {
        var source = Path.Combine(_sandbox.Root, "image-source");
        if (!Directory.Exists(source))
        {
            Directory.CreateDirectory(Path.Combine(source, "etc"));
            Directory.CreateDirectory(Path.Combine(source, "usr", "lib"));
            File.WriteAllText(Path.Combine(source, "etc", "hostname"), "image-host\n");
            File.WriteAllBytes(Path.Combine(source, "usr", "lib", "blob.bin"), Blob);
        }

        var image = Path.Combine(_sandbox.Root, "system" + extension);
        if (File.Exists(image))
        {
            return image;
        }

        switch (extension)
        {
            case ".tar":
                TarFile.CreateFromDirectory(source, image, includeBaseDirectory: false);
                break;
            case ".tar.zst":
                using (var file = File.Create(image))
                using (var zstd = new CompressionStream(file))
                {
                    TarFile.CreateFromDirectory(source, zstd, includeBaseDirectory: false);
                }

                break;
            case ".zip":
                ZipFile.CreateFromDirectory(source, image);
                break;
            default:
                LoopDisk.Run("wimcapture", source, image, "system", "--unix-data", "--check");
                break;
        }

        return image;
    }

    /// <summary>The device mounted at <paramref name="mountPoint"/>, from the kernel's mount table.</summary>
    private static string? MountedFrom(string mountPoint) =>
        File.ReadAllLines("/proc/self/mountinfo").Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4 && fields[4] == mountPoint && Array.IndexOf(fields, "-") is > 0 and var dash && dash + 2 < fields.Length)
            .Select(fields => fields[Array.IndexOf(fields, "-") + 2])
            .LastOrDefault();

    public void Dispose() => _sandbox.Dispose();
}
