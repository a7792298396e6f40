using System.Diagnostics;

namespace TsOrchestrator.Agent.Tests.Disks;

/// <summary>
/// A real block device for the disk steps: a sparse file in a temp folder attached as a loop device with partition
/// scanning (<c>losetup -P</c>). Dispose unmounts whatever is mounted from it, detaches it and deletes the file, also
/// after a failed test. No loop device (not root, no loop driver) fails the test loudly: the disk steps are not
/// tested by skipping them.
/// </summary>
internal sealed class LoopDisk : IDisposable
{
    private readonly string _folder;

    public LoopDisk(long megabytes)
    {
        _folder = Directory.CreateTempSubdirectory("tsorch-disk-").FullName;
        File = Path.Combine(_folder, "disk.img");
        using (var stream = new FileStream(File, FileMode.CreateNew))
        {
            stream.SetLength(megabytes * 1024 * 1024);
        }

        MountRoot = Directory.CreateDirectory(Path.Combine(_folder, "targets")).FullName;
        try
        {
            Device = Run("losetup", "--find", "--show", "--partscan", File).Trim();
        }
        catch (Exception ex)
        {
            Directory.Delete(_folder, recursive: true);
            throw new InvalidOperationException($"the disk tests need loop devices (run as root with the loop driver; tools/disk-tools.sh installs the tools): {ex.Message}", ex);
        }
    }

    /// <summary>The loop device node, e.g. /dev/loop7.</summary>
    public string Device { get; }

    public string File { get; }

    /// <summary>A mount root of the test's own, so that two test runs never share mount points.</summary>
    public string MountRoot { get; }

    public string Partition(int number) => $"{Device}p{number}";

    /// <summary>Runs a tool and returns its output; a non-zero exit fails the test with the tool's error.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
    }

    /// <summary>The file system blkid finds on a partition ("" for none).</summary>
    public static string FileSystemOf(string node)
    {
        try
        {
            return Run("blkid", "-p", "-o", "value", "-s", "TYPE", node).Trim();
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>The partition table as sfdisk dumps it.</summary>
    public string Table()
    {
        try
        {
            return Run("sfdisk", "--dump", Device);
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        var failures = new List<string>();
        foreach (var line in System.IO.File.ReadAllLines("/proc/self/mountinfo").Reverse())
        {
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (dash > 0 && dash + 2 < fields.Length && fields[dash + 2].StartsWith(Device + "p", StringComparison.Ordinal))
            {
                try
                {
                    Run("umount", fields[4]);
                }
                catch (InvalidOperationException ex)
                {
                    failures.Add(ex.Message);
                }
            }
        }

        try
        {
            Run("losetup", "--detach", Device);
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }

        Directory.Delete(_folder, recursive: true);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"the loop disk {Device} was not released cleanly: {string.Join("; ", failures)}");
        }
    }
}
