using TsOrchestrator.Agent.Disks;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// The applied system's /etc/fstab from what is mounted under it now, each file system by its UUID; lines of the
/// image's own fstab for other mount points (tmpfs, swap files) are kept.
/// </summary>
internal static class FstabWriter
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <returns>The lines written for the mounted file systems.</returns>
    /// <summary>Writes the fstab; <c>unmountedEspUuid</c> names an EFI system partition written without a mount, still mounted at /boot/efi by the new system.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string root, string? unmountedEspUuid, StepLog log, CancellationToken cancellationToken)
    {
        var mounts = MountTable.Read()
            .Where(m => TargetRoots.IsAtOrUnder(m.MountPoint, root) && m.Source.StartsWith("/dev/", StringComparison.Ordinal))
            .GroupBy(m => m.MountPoint, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(m => m.MountPoint.Length)
            .ToList();
        var lines = new List<string>();
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in mounts)
        {
            var inTarget = mount.MountPoint == root ? "/" : mount.MountPoint[root.Length..];
            var uuid = await BlockDevices.UuidAsync(mount.Source, log, cancellationToken);
            var (options, pass) = mount.FileSystem switch
            {
                _ when inTarget == "/" => (mount.FileSystem == "ext4" ? "errors=remount-ro" : "defaults", 1),
                "vfat" => ("umask=0077", 2),
                _ => ("defaults", 2),
            };
            lines.Add($"UUID={uuid}\t{inTarget}\t{mount.FileSystem}\t{options}\t0\t{pass}");
            mountPoints.Add(inTarget);
        }

        if (unmountedEspUuid is not null && mountPoints.Add("/boot/efi"))
        {
            lines.Add($"UUID={unmountedEspUuid}\t/boot/efi\tvfat\tumask=0077\t0\t2");
        }

        if (!mountPoints.Contains("/"))
        {
            throw new StepFailedException($"the applied system {root} is not a mounted partition: an fstab needs the partition it boots from");
        }

        var kept = (TargetPath.ReadFile(root, "/etc/fstab") ?? "").Split('\n')
            .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            .Where(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [_, var point, ..] && !mountPoints.Contains(point))
            .ToList();
        var text = "# Written by TsOrchestrator's Setup Operating System step: the file systems by UUID.\n" +
                   string.Join('\n', lines.Concat(kept)) + "\n";
        TargetPath.WriteFile(root, "/etc/fstab", text, Mode);
        return lines;
    }
}
