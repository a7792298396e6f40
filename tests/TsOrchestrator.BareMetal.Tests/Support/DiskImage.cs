using System.Text.Json;

namespace TsOrchestrator.BareMetal.Tests.Support;

/// <summary>What the virtual machine left on its raw disk image, read on the host after it stopped.</summary>
internal static class DiskImage
{
    /// <summary>The partition table as <c>sfdisk --json</c> reads it from the image file.</summary>
    public static async Task<JsonElement> PartitionTableAsync(string image)
    {
        using var document = JsonDocument.Parse(await HostCommand.RunAsync("sfdisk", "--json", image));
        return document.RootElement.GetProperty("partitiontable").Clone();
    }

    /// <summary>
    /// A file of one partition, through a read-only loop device with its partitions scanned; the file system is mounted
    /// read-only without replaying its journal (the machine was stopped, not shut down). The loop device is detached
    /// and the mount undone on every path.
    /// </summary>
    public static async Task<string> ReadFileAsync(string image, int partition, string file)
    {
        var loop = (await HostCommand.RunAsync("losetup", "--find", "--show", "--partscan", "--read-only", image)).Trim();
        var mountPoint = Directory.CreateTempSubdirectory("tsorch-baremetal-mount-").FullName;
        var mounted = false;
        try
        {
            var device = $"{loop}p{partition}";
            for (var attempt = 0; attempt < 50 && !File.Exists(device); attempt++)
            {
                // udev-less hosts create the partition nodes a moment after the scan.
                await Task.Delay(100);
            }

            await HostCommand.RunAsync("mount", "-o", "ro,noload", device, mountPoint);
            mounted = true;
            return await File.ReadAllTextAsync(Path.Combine(mountPoint, file));
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
