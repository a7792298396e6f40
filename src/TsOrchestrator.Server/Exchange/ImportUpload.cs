using System.Formats.Tar;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Receives an upload into its import folder as it arrives: a zip is written as it is, a tar bundle is unpacked
/// (<c>export.zip</c> and <c>export_files/…</c>) entry by entry, XML is kept as a file. Every byte is counted against
/// the limits while it is read, and names that would leave the folder are refused.
/// </summary>
public static class ImportUpload
{
    public const string ZipFileName = "upload.zip";
    public const string XmlFileName = "upload.xml";
    public const string FilesFolderName = "files";

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static async Task<UploadKind> ReceiveAsync(Stream body, string folder, ExchangeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        var head = new byte[512];
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            throw Problem.BadRequest("file", "the upload is empty: send an export zip, a Configuration Manager export zip or task sequence XML");
        }

        var upload = new BoundedStream(new PrefixedStream(head.AsMemory(0, read), body), options.MaxUploadBytes, TooLarge);
        if (read >= ZipMagic.Length && head.AsSpan(0, ZipMagic.Length).SequenceEqual(ZipMagic))
        {
            await SaveAsync(upload, Path.Combine(folder, ZipFileName), cancellationToken);
            return UploadKind.Zip;
        }

        if (read == 512 && head.AsSpan(257, 5).SequenceEqual("ustar"u8))
        {
            await UnpackBundleAsync(upload, folder, options, cancellationToken);
            return UploadKind.Bundle;
        }

        if (LooksLikeXml(head.AsSpan(0, read)))
        {
            await SaveAsync(new BoundedStream(upload, options.MaxExpandedBytes, TooLarge), Path.Combine(folder, XmlFileName), cancellationToken);
            return UploadKind.Xml;
        }

        throw Problem.BadRequest("file", "this is not an export: it is neither a zip, an export with its files (tar) nor task sequence XML");
    }

    private static async Task UnpackBundleAsync(Stream upload, string folder, ExchangeOptions options, CancellationToken cancellationToken)
    {
        var files = Path.Combine(folder, FilesFolderName);
        var entries = 0;
        var sawZip = false;
        await using var tar = new TarReader(upload, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (++entries > options.MaxEntries)
            {
                throw Problem.BadRequest("file", $"the upload has more than {options.MaxEntries} entries");
            }

            if (!EntryNames.IsSafe(entry.Name))
            {
                throw Problem.BadRequest("file", $"the upload has an entry named '{entry.Name}', which would leave its folder");
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                throw Problem.BadRequest("file", $"the upload's entry '{entry.Name}' is a {entry.EntryType}, not a file");
            }

            string target;
            if (entry.Name == ExportPlan.BundleZipName)
            {
                target = Path.Combine(folder, ZipFileName);
                sawZip = true;
            }
            else if (entry.Name.StartsWith(ExportPlan.BundleFilesFolder + "/", StringComparison.Ordinal))
            {
                target = EntryNames.Under(files, entry.Name[(ExportPlan.BundleFilesFolder.Length + 1)..]);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            }
            else
            {
                throw Problem.BadRequest("file", $"the upload's entry '{entry.Name}' is neither {ExportPlan.BundleZipName} nor under {ExportPlan.BundleFilesFolder}/");
            }

            if (entry.DataStream is { } data)
            {
                await SaveAsync(data, target, cancellationToken);
            }
            else
            {
                await File.WriteAllBytesAsync(target, [], cancellationToken);
            }
        }

        if (!sawZip)
        {
            throw Problem.BadRequest("file", $"the upload has files but no {ExportPlan.BundleZipName}: this is not an export");
        }
    }

    private static async Task SaveAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            throw Problem.BadRequest("file", $"the upload holds '{Path.GetFileName(path)}' twice");
        }

        await using var target = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, Options = FileOptions.Asynchronous });
        await source.CopyToAsync(target, 1 << 20, cancellationToken);
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var start = head.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && head[start] == (byte)'<';
    }

    private static ApiProblemException TooLarge(long limit) =>
        Problem.BadRequest("file", $"the upload is larger than the limit of {limit} bytes (Exchange options)");
}
