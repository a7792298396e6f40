using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ZstdSharp;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Extracts an archive image into an empty folder, streaming. Every entry lands inside that folder or the archive is
/// refused: no absolute names, no '..', no writing through a symbolic link, no link that climbs out of the root. The
/// bytes written are bounded so that an archive cannot fill the disk.
/// </summary>
internal sealed class ArchiveExtractor(string root, long byteLimit, StepLog log)
{
    private const int LinkTargetLimit = 4096;
    private const int UnixTypeMask = 0xF000;
    private const int UnixDirectory = 0x4000;
    private const int UnixSymbolicLink = 0xA000;

    /// <summary>
    /// How much of the archive is read at a time. TarReader reads each 512-byte header on its own: straight from a
    /// decompressor, every one of those is a decoder call, which on a system image of thousands of small files costs
    /// more than the bytes.
    /// </summary>
    private const int ReadBufferBytes = 1 << 20;

    private const int CopyBufferBytes = 1 << 16;

    private readonly HashSet<string> _folders = new(StringComparer.Ordinal) { "" };

    // One copy buffer for the whole image: a fresh one per file zeroes 64 KB for every small file.
    private readonly byte[] _copyBuffer = new byte[CopyBufferBytes];
    private readonly List<DirectoryMetadata> _directories = [];
    private string _archive = "";

    public ArchiveTally Tally { get; } = new(log);

    /// <summary>Folder metadata to apply with <see cref="ApplyDirectoryMetadata"/> once the tree is in its final place.</summary>
    public IReadOnlyList<DirectoryMetadata> Directories => _directories;

    public void Extract(string archive, ArchiveFormat format, CancellationToken cancellationToken)
    {
        _archive = archive;
        try
        {
            if (format == ArchiveFormat.Zip)
            {
                ExtractZip(archive, cancellationToken);
            }
            else
            {
                ExtractTar(archive, format, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ZstdException)
        {
            throw new StepFailedException($"the image {archive} is damaged or truncated: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new StepFailedException($"the image {archive} could not be extracted: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StepFailedException($"the image {archive} could not be extracted: {ex.Message}");
        }
    }

    /// <summary>Gives folders their archived mode, time and owner, deepest first, under the tree's final root.</summary>
    public void ApplyDirectoryMetadata(string finalRoot)
    {
        foreach (var folder in _directories.OrderByDescending(d => d.RelativePath.Count(c => c == '/')))
        {
            var path = Path.Combine(finalRoot, folder.RelativePath);
            if (UnixFiles.Kind(path) != UnixFileKind.Directory)
            {
                continue;
            }

            ApplyMetadata(path, folder.Mode, folder.Modified, folder.UserId, folder.GroupId);
        }
    }

    private void ExtractTar(string archive, ArchiveFormat format, CancellationToken cancellationToken)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var tar = new EndMarkerStream(new BufferedStream(ArchiveFormats.OpenTarForReading(file, format), ReadBufferBytes));
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ExtractTarEntry(entry);
        }

        if (!tar.EndsWithEndMarker())
        {
            throw new StepFailedException($"the image {archive} is truncated: it ends without tar's end-of-archive marker");
        }
    }

    private void ExtractTarEntry(TarEntry entry)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return; // the archive's own metadata (capture writes its description there), not a file
        }

        var relative = ArchiveEntryNames.Relative(entry.Name, _archive);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (relative.Length > 0)
                {
                    Folder(relative);
                    _directories.Add(new DirectoryMetadata(relative, entry.Mode, entry.ModificationTime, entry.Uid, entry.Gid));
                }

                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var path = Leaf(relative, entry.Name);
                WriteFile(path, entry.Name, entry.DataStream ?? Stream.Null, entry.Length, entry.Mode, entry.ModificationTime, entry.Uid, entry.Gid);
                Tally.Files++;
                break;
            case TarEntryType.SymbolicLink:
                Link(relative, entry.Name, entry.LinkName);
                TryChangeOwner(Path.Combine(root, relative), entry.Uid, entry.Gid);
                break;
            case TarEntryType.HardLink:
                HardLink(relative, entry.Name, ArchiveEntryNames.Relative(entry.LinkName, _archive));
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                // Devices and FIFOs need mknod (root, and a kernel that lets it): /dev is populated at boot anyway.
                Leaf(relative, entry.Name);
                Tally.Skipped.Skip(relative, $"{entry.EntryType} entries are not created by the agent");
                break;
            default:
                throw new StepFailedException($"the image {_archive} holds entry '{entry.Name}' of type {entry.EntryType}, which the agent cannot extract");
        }
    }

    private void ExtractZip(string archive, CancellationToken cancellationToken)
    {
        using var zip = ZipFile.OpenRead(archive);

        // A zip says what it expands to up front, so an archive too large is refused before anything is written.
        var declared = zip.Entries.Sum(e => e.Length);
        if (declared > byteLimit)
        {
            throw TooLarge(archive, declared);
        }

        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = entry.FullName.Replace('\\', '/');
            var relative = ArchiveEntryNames.Relative(name, _archive);
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var permissions = (unixMode & 0xFFF) == 0 ? (UnixFileMode?)null : (UnixFileMode)(unixMode & 0xFFF);
            if (name.EndsWith('/') || (unixMode & UnixTypeMask) == UnixDirectory)
            {
                if (relative.Length > 0)
                {
                    Folder(relative);
                    _directories.Add(new DirectoryMetadata(relative, permissions, entry.LastWriteTime, null, null));
                }
            }
            else if ((unixMode & UnixTypeMask) == UnixSymbolicLink)
            {
                if (entry.Length > LinkTargetLimit)
                {
                    throw new StepFailedException($"the image {_archive} holds a symbolic link '{name}' with a target longer than {LinkTargetLimit} bytes");
                }

                using var stream = entry.Open();
                using var target = new StreamReader(stream, Encoding.UTF8);
                Link(relative, name, target.ReadToEnd());
            }
            else
            {
                var path = Leaf(relative, name);
                using (var data = entry.Open())
                {
                    WriteFile(path, name, data, entry.Length, permissions, entry.LastWriteTime, null, null);
                }

                Tally.Files++;
            }
        }
    }

    /// <summary>Makes sure every folder on the way to <paramref name="relative"/> is a real folder inside the root.</summary>
    private string Folder(string relative, string? forEntry = null)
    {
        forEntry ??= relative;
        var parts = relative.Split('/');
        var sofar = "";
        foreach (var part in parts)
        {
            sofar = sofar.Length == 0 ? part : $"{sofar}/{part}";
            if (_folders.Contains(sofar))
            {
                continue;
            }

            var path = Path.Combine(root, sofar);
            switch (UnixFiles.Kind(path))
            {
                case UnixFileKind.Missing:
                    Directory.CreateDirectory(path);
                    Tally.Directories++;
                    break;
                case UnixFileKind.Directory:
                    break;
                case UnixFileKind.SymbolicLink:
                    throw new StepFailedException($"the image {_archive} writes '{forEntry}' through the symbolic link '{sofar}': refused, links are never followed while extracting");
                default:
                    throw new StepFailedException($"the image {_archive} needs '{sofar}' to be a folder for '{forEntry}', but it holds a file there");
            }

            _folders.Add(sofar);
        }

        return Path.Combine(root, relative);
    }

    /// <summary>The path a file or link entry is written to, with its folder in place and nothing left in its way.</summary>
    private string Leaf(string relative, string name)
    {
        if (relative.Length == 0)
        {
            throw new StepFailedException($"the image {_archive} holds a non-folder entry '{name}' naming the root itself");
        }

        var slash = relative.LastIndexOf('/');
        if (slash > 0)
        {
            Folder(relative[..slash], relative);
        }

        var path = Path.Combine(root, relative);
        switch (UnixFiles.Kind(path))
        {
            case UnixFileKind.Missing:
                break;
            case UnixFileKind.Directory:
                throw new StepFailedException($"the image {_archive} holds '{name}' as a file and as a folder");
            default:
                // A later entry of the same name wins in tar; deleting first means a link there is replaced, never followed.
                File.Delete(path);
                break;
        }

        return path;
    }

    private void WriteFile(string path, string name, Stream data, long expected, UnixFileMode? mode, DateTimeOffset? modified, int? userId, int? groupId)
    {
        if (Tally.Bytes + expected > byteLimit)
        {
            throw TooLarge(name, Tally.Bytes + expected);
        }

        // CreateNew refuses whatever appeared at the path since Leaf cleared it: a link is never written through.
        // Unbuffered (bufferSize 0): the copy below writes whole 64 KB chunks, a FileStream buffer would only add a copy.
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var buffer = _copyBuffer;
        long written = 0;
        int read;
        while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            written += read;
            if (written > expected)
            {
                throw new StepFailedException($"the image {_archive} is damaged: entry '{name}' holds more data than its header says ({expected} bytes)");
            }

            output.Write(buffer, 0, read);
        }

        if (written < expected)
        {
            throw new StepFailedException($"the image {_archive} is truncated: entry '{name}' ends after {written} of its {expected} bytes");
        }

        Tally.Bytes += written;

        // Mode and time through the open file, not its path again (each path call is a lookup, the time one a stat too).
        // Owner first: chown clears set-user-id bits that the mode then puts back.
        TryChangeOwner(path, userId, groupId);
        if (mode is { } permissions && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(output.SafeFileHandle, permissions);
        }

        if (modified is { } time && time > DateTimeOffset.UnixEpoch)
        {
            File.SetLastWriteTimeUtc(output.SafeFileHandle, time.UtcDateTime);
        }
    }

    private void Link(string relative, string name, string target)
    {
        if (!ArchiveEntryNames.LinkStaysInside(relative, target))
        {
            throw new StepFailedException($"the image {_archive} holds a symbolic link '{name}' -> '{target}' that points outside the target root: refused");
        }

        var path = Leaf(relative, name);
        File.CreateSymbolicLink(path, target);
        Tally.SymbolicLinks++;
    }

    private void HardLink(string relative, string name, string target)
    {
        var source = Path.Combine(root, target);

        // The target's folders must be ones this extraction made: through a link the image planted, link(2) would
        // give the image a name for a file of the running system.
        var folder = target.LastIndexOf('/') is var slash and > 0 ? target[..slash] : "";
        if (!_folders.Contains(folder))
        {
            throw new StepFailedException($"the image {_archive} holds a hard link '{name}' to '{target}', which is not inside a folder it extracted: refused");
        }

        if (target.Length == 0 || UnixFiles.Kind(source) != UnixFileKind.Regular)
        {
            throw new StepFailedException($"the image {_archive} holds a hard link '{name}' to '{target}', which is not a file extracted before it");
        }

        var path = Leaf(relative, name);
        if (!UnixFiles.TryHardLink(source, path))
        {
            // No link(2) here (another platform, a file system without hard links): a copy reads the same.
            var size = new FileInfo(source).Length;
            if (Tally.Bytes + size > byteLimit)
            {
                throw TooLarge(name, Tally.Bytes + size);
            }

            File.Copy(source, path);
            Tally.Bytes += size;
        }

        Tally.HardLinks++;
    }

    private static void ApplyMetadata(string path, UnixFileMode? mode, DateTimeOffset? modified, int? userId, int? groupId)
    {
        // Owner first: chown clears set-user-id bits that the mode then puts back.
        TryChangeOwner(path, userId, groupId);
        if (mode is { } permissions && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, permissions);
        }

        if (modified is { } time && time > DateTimeOffset.UnixEpoch)
        {
            File.SetLastWriteTimeUtc(path, time.UtcDateTime);
        }
    }

    private static void TryChangeOwner(string path, int? userId, int? groupId)
    {
        if (userId is { } user && groupId is { } group)
        {
            UnixFiles.TryChangeOwner(path, user, group);
        }
    }

    private StepFailedException TooLarge(string what, long bytes) =>
        new($"the image {_archive} expands to more than {byteLimit} bytes (at least {bytes} at '{what}'), the most the target root's free space allows: refused");
}
