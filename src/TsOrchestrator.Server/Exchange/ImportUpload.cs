using System.Formats.Tar;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Content.Uploads;

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

        var upload = new BoundedStream(new PrefixedStream(head.AsMemory(0, read), body), options.MaxUploadBytes,
            limit => UploadLimit.TooLarge(limit, $"{ExchangeOptions.Section}:{nameof(ExchangeOptions.MaxUploadBytes)}", declared: null));
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
            await SaveAsync(new BoundedStream(upload, SequenceLimits.MaxXmlCharacters, XmlTooLarge), Path.Combine(folder, XmlFileName), cancellationToken);
            return UploadKind.Xml;
        }

        throw Problem.BadRequest("file", "this is not an export: it is neither a zip, an export with its files (tar) nor task sequence XML");
    }

    private static async Task UnpackBundleAsync(Stream upload, string folder, ExchangeOptions options, CancellationToken cancellationToken)
    {
        var files = Path.Combine(folder, FilesFolderName);
        var entries = 0;
        var sawZip = false;
        string? current = null;
        await using var tar = new TarReader(upload, leaveOpen: true);
        while (await NextEntryAsync(tar, current, cancellationToken) is { } entry)
        {
            current = entry.Name;
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
                await SaveEntryAsync(data, target, entry.Name, entry.Length, cancellationToken);
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

    /// <summary>The next entry; a header cut short or damaged is the upload's fault, said in its words.</summary>
    private static async Task<TarEntry?> NextEntryAsync(TarReader tar, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            return await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw Problem.BadRequest("file", previous is null
                ? $"the upload's tar header cannot be read ({e.Message}): the upload is damaged or cut short"
                : $"the upload ends inside or after the entry '{previous}', or the next header is damaged ({e.Message}): the upload is cut short");
        }
    }

    /// <summary>An entry's data, which must be as long as its header declares: a tar cut short is refused, not half kept.</summary>
    private static async Task SaveEntryAsync(Stream data, string path, string name, long declared, CancellationToken cancellationToken)
    {
        try
        {
            await SaveAsync(data, path, cancellationToken);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw CutShort(name, declared);
        }

        if (new FileInfo(path).Length != declared)
        {
            throw CutShort(name, declared);
        }
    }

    private static ApiProblemException CutShort(string name, long declared) =>
        Problem.BadRequest("file", $"the upload's entry '{name}' declares {declared:N0} bytes but the upload ends before them: it is cut short");

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

    private static ApiProblemException XmlTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"task sequence XML is at most {limit:N0} bytes: refused",
            Problem.Field("file", $"task sequence XML is at most {limit:N0} bytes"));
}
