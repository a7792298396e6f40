using System.Runtime.InteropServices;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// File facts the BCL does not give: .NET reports a FIFO or a device as an ordinary file, and opening a FIFO to copy it
/// would block the step forever, so the file type comes from statx (its layout is the same on every architecture).
/// </summary>
internal static partial class UnixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxOwner = 0x8 | 0x10;
    private const int StatxUidOffset = 20;
    private const int StatxGidOffset = 24;
    private const uint StatxModeMask = 0xF000;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;

    public static UnixFileKind Kind(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[StatxSize];
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return UnixFileKind.Missing;
            }

            return (BitConverter.ToUInt16(buffer, StatxModeOffset) & StatxModeMask) switch
            {
                0x8000 => UnixFileKind.Regular,
                0x4000 => UnixFileKind.Directory,
                0xA000 => UnixFileKind.SymbolicLink,
                0x1000 => UnixFileKind.Fifo,
                0x2000 => UnixFileKind.CharacterDevice,
                0x6000 => UnixFileKind.BlockDevice,
                _ => UnixFileKind.Socket,
            };
        }

        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            return info.LinkTarget is null ? UnixFileKind.Missing : UnixFileKind.SymbolicLink;
        }

        return info.LinkTarget is not null ? UnixFileKind.SymbolicLink
            : info.Attributes.HasFlag(FileAttributes.Directory) ? UnixFileKind.Directory
            : UnixFileKind.Regular;
    }

    /// <summary>A path's owner and group (of a link itself), or null where statx is not there.</summary>
    public static (int UserId, int GroupId)? Owner(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxOwner, buffer) == 0
            ? (BitConverter.ToInt32(buffer, StatxUidOffset), BitConverter.ToInt32(buffer, StatxGidOffset))
            : null;
    }

    /// <summary>Gives a copy its original's owner; only root may, so for anyone else this does nothing.</summary>
    public static void CopyOwner(string from, string to)
    {
        if (Environment.IsPrivilegedProcess && Owner(from) is { } owner)
        {
            TryChangeOwner(to, owner.UserId, owner.GroupId);
        }
    }

    /// <summary>Gives a path (a link itself, not its target) an owner; only root may, so others skip it.</summary>
    public static bool TryChangeOwner(string path, int userId, int groupId) =>
        OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && LChown(path, userId, groupId) == 0;

    /// <summary>Makes <paramref name="path"/> another name of <paramref name="existing"/> (link(2)); false where that cannot be.</summary>
    public static bool TryHardLink(string existing, string path) => OperatingSystem.IsLinux() && Link(existing, path) == 0;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string path);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int owner, int group);
}
