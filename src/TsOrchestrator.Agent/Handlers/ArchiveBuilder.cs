using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Writes a folder's tree into an archive file, every path relative to the folder, links stored as links (never
/// followed). A file that cannot be read fails the capture: an image missing files would apply as a broken system.
/// </summary>
internal static class ArchiveBuilder
{
    private const int UnixRegular = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int UnixSymbolicLink = 0xA000;

    /// <summary>Zip stores times from 1980 on; an older (or zero) time is stored as its earliest.</summary>
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ArchiveTally Write(string root, string archive, ArchiveFormat format, IReadOnlyDictionary<string, string> description, StepLog log, CancellationToken cancellationToken)
    {
        var tally = new ArchiveTally(log);
        using var file = new FileStream(archive, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (format == ArchiveFormat.Zip)
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                if (description.Count > 0)
                {
                    zip.Comment = string.Join('\n', description.Select(d => $"{d.Key}={d.Value}"));
                }

                foreach (var entry in Walk(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AddToZip(zip, entry, tally);
                }
            }
        }
        else
        {
            var compressed = ArchiveFormats.OpenTarForWriting(file, format);
            using (var writer = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true))
            {
                if (description.Count > 0)
                {
                    writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(description));
                }

                foreach (var entry in Walk(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AddToTar(writer, entry, tally);
                }
            }

            // Only now does a compressor write its last block and trailer.
            if (!ReferenceEquals(compressed, file))
            {
                compressed.Dispose();
            }
        }

        file.Flush(flushToDisk: true);
        return tally;
    }

    private static IEnumerable<TreeEntry> Walk(string root) =>
        TreeWalker.Walk(root, null, (folder, ex) => throw new StepFailedException($"the folder {folder} could not be read: {ex.Message}: the image would be incomplete"));

    private static void AddToTar(TarWriter writer, TreeEntry entry, ArchiveTally tally)
    {
        if (entry.Kind is UnixFileKind.Socket or UnixFileKind.Missing)
        {
            // A socket exists only while its program runs; one that vanished mid-walk is gone.
            tally.Skipped.Skip(entry.RelativePath, entry.Kind == UnixFileKind.Socket ? "sockets cannot be archived" : "removed while the image was captured");
            return;
        }

        try
        {
            writer.WriteEntry(entry.FullPath, entry.RelativePath);
            if (entry.Kind == UnixFileKind.Regular)
            {
                tally.Bytes += new FileInfo(entry.FullPath).Length;
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StepFailedException($"{entry.FullPath} could not be read: {ex.Message}: the image would be incomplete");
        }

        Count(entry, tally);
    }

    private static void AddToZip(ZipArchive zip, TreeEntry entry, ArchiveTally tally)
    {
        switch (entry.Kind)
        {
            case UnixFileKind.Directory:
                var folder = zip.CreateEntry(entry.RelativePath + "/");
                folder.ExternalAttributes = UnixAttributes(UnixDirectory, entry.FullPath);
                folder.LastWriteTime = ZipTime(Directory.GetLastWriteTimeUtc(entry.FullPath));
                break;
            case UnixFileKind.SymbolicLink:
                var link = zip.CreateEntry(entry.RelativePath, CompressionLevel.NoCompression);
                link.ExternalAttributes = unchecked((UnixSymbolicLink | 0x1FF) << 16);
                using (var target = link.Open())
                {
                    target.Write(Encoding.UTF8.GetBytes(new FileInfo(entry.FullPath).LinkTarget ?? ""));
                }

                break;
            case UnixFileKind.Regular:
                var item = zip.CreateEntry(entry.RelativePath, CompressionLevel.Optimal);
                item.ExternalAttributes = UnixAttributes(UnixRegular, entry.FullPath);
                item.LastWriteTime = ZipTime(File.GetLastWriteTimeUtc(entry.FullPath));
                try
                {
                    using var source = new FileStream(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
                    using var target = item.Open();
                    source.CopyTo(target);
                    tally.Bytes += source.Length;
                }
                catch (UnauthorizedAccessException ex)
                {
                    throw new StepFailedException($"{entry.FullPath} could not be read: {ex.Message}: the image would be incomplete");
                }

                break;
            case UnixFileKind.Missing:
                tally.Skipped.Skip(entry.RelativePath, "removed while the image was captured");
                return;
            default:
                tally.Skipped.Skip(entry.RelativePath, $"a zip image cannot hold a {entry.Kind} (capture to .tar, .tar.gz or .tar.zst to keep it)");
                return;
        }

        Count(entry, tally);
    }

    private static void Count(TreeEntry entry, ArchiveTally tally)
    {
        switch (entry.Kind)
        {
            case UnixFileKind.Directory:
                tally.Directories++;
                break;
            case UnixFileKind.SymbolicLink:
                tally.SymbolicLinks++;
                break;
            case UnixFileKind.Regular:
                tally.Files++;
                break;
            default:
                tally.SpecialFiles++;
                break;
        }
    }

    private static int UnixAttributes(int type, string path)
    {
        var mode = OperatingSystem.IsWindows() ? 0x1ED : (int)File.GetUnixFileMode(path);
        return unchecked((type | mode) << 16);
    }

    private static DateTimeOffset ZipTime(DateTime utc) =>
        utc < ZipEpoch.UtcDateTime ? ZipEpoch : new DateTimeOffset(utc, TimeSpan.Zero);
}
