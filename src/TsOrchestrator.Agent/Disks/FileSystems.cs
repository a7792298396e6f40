using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>Names the step accepts for each file system, and the mkfs command that makes it.</summary>
internal static class FileSystems
{
    public const string Supported = "ext4, xfs, vfat (FAT32), ntfs, or none";

    public static FileSystemKind? Parse(string value) => value.Trim().ToUpperInvariant() switch
    {
        "EXT4" => FileSystemKind.Ext4,
        "XFS" => FileSystemKind.Xfs,
        "VFAT" or "FAT32" or "FAT" => FileSystemKind.Vfat,
        "NTFS" => FileSystemKind.Ntfs,
        "" or "NONE" => FileSystemKind.None,
        _ => null,
    };

    /// <summary>
    /// The smallest partition each mkfs accepts (xfsprogs refuses below 300 MB; FAT32 needs 65,525 clusters), checked
    /// with the layout so that a partition too small fails before the disk is touched.
    /// </summary>
    public static long MinimumMiB(FileSystemKind kind) => kind switch
    {
        FileSystemKind.Xfs => 300,
        FileSystemKind.Vfat => 33,
        FileSystemKind.Ntfs => 2,
        FileSystemKind.Ext4 => 2,
        _ => 1,
    };

    /// <summary>The tool that makes the file system and its Debian package (checked before the disk is touched).</summary>
    public static (string Tool, string Package)? Tool(FileSystemKind kind) => kind switch
    {
        FileSystemKind.Ext4 => ("mkfs.ext4", "e2fsprogs"),
        FileSystemKind.Xfs => ("mkfs.xfs", "xfsprogs"),
        FileSystemKind.Vfat => ("mkfs.vfat", "dosfstools"),
        FileSystemKind.Ntfs => ("mkntfs", "ntfs-3g"),
        _ => null,
    };

    /// <summary>
    /// The arguments that format <paramref name="node"/>. Each forces over an old signature (the disk was just
    /// repartitioned: what the old table held is gone by intent). A full (not quick) format on NTFS zeroes the volume
    /// as ConfigMgr's full format does; ext4 and xfs discard or initialise their tables either way.
    /// </summary>
    public static IReadOnlyList<string> FormatArguments(FileSystemKind kind, string node, string label, bool quick)
    {
        var args = new List<string>();
        switch (kind)
        {
            case FileSystemKind.Ext4:
                args.AddRange(["-F", "-q"]);
                if (label.Length > 0)
                {
                    args.AddRange(["-L", Truncate(label, 16)]);
                }

                break;
            case FileSystemKind.Xfs:
                args.AddRange(["-f", "-q"]);
                if (label.Length > 0)
                {
                    args.AddRange(["-L", Truncate(label, 12)]);
                }

                break;
            case FileSystemKind.Vfat:
                args.AddRange(["-F", "32"]);
                if (label.Length > 0)
                {
                    args.AddRange(["-n", Truncate(label.ToUpperInvariant(), 11)]);
                }

                break;
            case FileSystemKind.Ntfs:
                args.Add("-F");
                if (quick)
                {
                    args.Add("-Q");
                }

                if (label.Length > 0)
                {
                    args.AddRange(["-L", label]);
                }

                break;
            default:
                throw new StepFailedException($"no file system to make on {node}");
        }

        args.Add(node);
        return args;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
