using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using TsOrchestrator.Cli.Input;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// An export with content on the caller's disk is <c>name.zip</c> and <c>name_files/</c>; on the wire it is one tar of
/// <c>export.zip</c> and <c>export_files/…</c>. This turns one into the other, a file at a time, never the whole in memory.
/// </summary>
internal static class ExportBundle
{
    private const string ZipEntry = "export.zip";
    private const string FilesPrefix = "export_files/";

    public static string FilesFolderFor(string zip) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(zip))!, Path.GetFileNameWithoutExtension(zip) + "_files");

    /// <summary>
    /// Unpacks the server's tar into <paramref name="zip"/> and its <c>_files</c> folder; <paramref name="total"/> learns the
    /// content size from the manifest once the zip is in, <paramref name="progress"/> counts content bytes written.
    /// </summary>
    public static async Task UnpackAsync(Stream tar, string zip, Action<long> total, Action<long> progress, CancellationToken cancellationToken)
    {
        var files = FilesFolderFor(zip);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            string target;
            if (entry.Name == ZipEntry)
            {
                target = zip;
            }
            else if (entry.Name.StartsWith(FilesPrefix, StringComparison.Ordinal) && IsSafe(entry.Name[FilesPrefix.Length..]))
            {
                target = Path.Combine(files, entry.Name[FilesPrefix.Length..]);
            }
            else
            {
                throw new UsageException($"the server's export holds an unexpected entry '{entry.Name}'");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var output = File.Create(target))
            {
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(output, cancellationToken);
                }
            }

            if (target == zip)
            {
                total(ContentBytes(zip));
            }
            else
            {
                progress(entry.Length);
            }
        }
    }

    /// <summary>What the manifest says the content adds up to (0 when it carries none).</summary>
    public static long ContentBytes(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var stream = archive.GetEntry("manifest.json")?.Open();
        if (stream is null || JsonNode.Parse(stream) is not JsonObject manifest || manifest["includesContent"]?.GetValue<bool>() != true)
        {
            return 0;
        }

        return manifest["objects"]!.AsArray().SelectMany(o => o!["files"]?.AsArray() ?? []).Sum(f => f!["size"]!.GetValue<long>());
    }

    /// <summary>The zip and its files folder as one tar body, written while it is sent.</summary>
    public static HttpContent Content(string zip, Action<long> progress) => new BundleContent(zip, FilesFolderFor(zip), progress);

    private static bool IsSafe(string relative) =>
        relative.Length > 0 && !relative.StartsWith('/') && !relative.Contains('\\', StringComparison.Ordinal) &&
        relative.Split('/').All(s => s.Length > 0 && s != "." && s != "..");

    private sealed class BundleContent(string zip, string files, Action<long> progress) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
            await tar.WriteEntryAsync(zip, ZipEntry, cancellationToken);
            foreach (var file in Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                await tar.WriteEntryAsync(file, FilesPrefix + Path.GetRelativePath(files, file).Replace('\\', '/'), cancellationToken);
                progress(new FileInfo(file).Length);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
