using System.Globalization;
using System.Text.Json;

namespace TsOrchestrator.Testing.VirtualMachines;

/// <summary>What the virtual machine left on its raw disk image, read on the host after it stopped.</summary>
public static class DiskImage
{
    /// <summary>A blank raw disk of <paramref name="bytes"/> at <paramref name="path"/>, sparse on the host; returns the path.</summary>
    public static string CreateBlank(string path, long bytes)
    {
        using (var file = File.Create(path))
        {
            file.SetLength(bytes);
        }

        return path;
    }

    /// <summary>The partition table as <c>sfdisk --json</c> reads it from the image file.</summary>
    public static async Task<JsonElement> PartitionTableAsync(string image)
    {
        using var document = JsonDocument.Parse(await HostCommand.RunAsync("sfdisk", "--json", image));
        return document.RootElement.GetProperty("partitiontable").Clone();
    }

    /// <summary>
    /// A file of one partition (numbered from 1), through a read-only loop device over that partition's sectors (a
    /// partition-scanned loop device needs udev to create its partition nodes, which containers lack); the file system
    /// is mounted read-only without replaying its journal (the machine was stopped, not shut down). The mount is undone
    /// and the loop device detached on every path.
    /// </summary>
    public static Task<string> ReadFileAsync(string image, int partition, string file) =>
        WithPartitionAsync(image, partition, (_, root) => File.ReadAllTextAsync(Path.Combine(root, file)));

    /// <summary>
    /// Mounts one partition (numbered from 1) read-only as <see cref="ReadFileAsync"/> does and hands
    /// <paramref name="read"/> the loop device and the mounted folder.
    /// </summary>
    public static async Task<T> WithPartitionAsync<T>(string image, int partition, Func<string, string, Task<T>> read)
    {
        var table = await PartitionTableAsync(image);
        var sectorSize = table.TryGetProperty("sectorsize", out var size) ? size.GetInt64() : 512;
        var entry = table.GetProperty("partitions")[partition - 1];
        var offset = entry.GetProperty("start").GetInt64() * sectorSize;
        var length = entry.GetProperty("size").GetInt64() * sectorSize;
        var loop = (await HostCommand.RunAsync("losetup", "--find", "--show", "--read-only",
            "--offset", offset.ToString(CultureInfo.InvariantCulture), "--sizelimit", length.ToString(CultureInfo.InvariantCulture), image)).Trim();
        var mountPoint = Directory.CreateTempSubdirectory("tsorch-baremetal-mount-").FullName;
        var mounted = false;
        try
        {
            await HostCommand.RunAsync("mount", "-o", "ro,noload", loop, mountPoint);
            mounted = true;
            return await read(loop, mountPoint);
        }
        finally
        {
            if (mounted)
            {
                await HostCommand.RunAsync("umount", mountPoint);
            }

            await HostCommand.RunAsync("losetup", "--detach", loop);
            Directory.Delete(mountPoint);
        }
    }
}
