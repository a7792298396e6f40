using System.Diagnostics;

namespace TsOrchestrator.Agent.Tests.Support;

/// <summary>
/// A real block device for a test: a sparse file partitioned with sfdisk, attached as a loop device with its partitions
/// added by partx (this machine's kernel does not read partition tables itself). Dispose unmounts everything mounted
/// under the test's folders, removes the partitions, detaches the device and deletes the file, whatever the test did.
/// </summary>
internal sealed class LoopDisk : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tsorch-loop-").FullName;
    private readonly string _image;

    private LoopDisk(string image, string device)
    {
        _image = image;
        Device = device;
    }

    public string Device { get; }

    public string MountRoot => Path.Combine(_folder, "mnt");

    public string Partition(int number) => $"{Device}p{number}";

    /// <summary>A disk of <paramref name="megabytes"/> MiB laid out by an sfdisk script.</summary>
    public static LoopDisk Create(int megabytes, string sfdiskScript)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-disk-").FullName;
        var image = Path.Combine(folder, "disk.img");
        using (var file = File.Create(image))
        {
            file.SetLength(megabytes * 1024L * 1024L);
        }

        Run("sfdisk", ["-q", image], sfdiskScript);
        var device = Run("losetup", ["--find", "--show", image]).Trim();
        var disk = new LoopDisk(image, device);
        try
        {
            Run("partx", ["-a", device]);
            return disk;
        }
        catch
        {
            disk.Dispose();
            throw;
        }
    }

    public void Format(int partition, string fileSystem) =>
        _ = fileSystem == "vfat" ? Run("mkfs.vfat", ["-F", "32", Partition(partition)]) : Run("mkfs." + fileSystem, ["-q", Partition(partition)]);

    /// <summary>Mounts a partition under the disk's own folder and returns where.</summary>
    public string Mount(int partition, string relative = "root")
    {
        var point = Path.Combine(MountRoot, relative);
        Directory.CreateDirectory(point);
        Run("mount", [Partition(partition), point]);
        return point;
    }

    public static string Run(string tool, IReadOnlyList<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }

        return output.Result;
    }

    public void Dispose()
    {
        // Deepest mounts first: a handler may have mounted the ESP inside the root.
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(line => line.Split(' ')[4])
            .Where(point => point.StartsWith(_folder, StringComparison.Ordinal) || point.StartsWith(MountRoot, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length).ToList();
        foreach (var point in mounts)
        {
            TryRun("umount", [point]);
        }

        TryRun("partx", ["-d", Device]);
        TryRun("losetup", ["-d", Device]);
        Directory.Delete(Path.GetDirectoryName(_image)!, recursive: true);
        if (mounts.All(point => !File.ReadAllText("/proc/self/mountinfo").Contains(point, StringComparison.Ordinal)))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void TryRun(string tool, IReadOnlyList<string> arguments)
    {
        try
        {
            Run(tool, arguments);
        }
        catch (InvalidOperationException)
        {
            // Cleanup goes on with the next step: a device left attached is worse than a message lost.
        }
    }
}
