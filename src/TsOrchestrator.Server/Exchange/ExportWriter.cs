using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using TsOrchestrator.Server.Content;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Writes an export: the zip (manifest first, then each object's native JSON), and with content either the
/// <c>_files</c> folder beside it on disk or one tar stream of <c>export.zip</c> and <c>export_files/</c> for a client
/// to unpack as <c>&lt;name&gt;.zip</c> and <c>&lt;name&gt;_files/</c>. Content bytes are copied from the library, never
/// buffered whole.
/// </summary>
public static class ExportWriter
{
    public static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The export zip in memory: objects are small (a sequence is at most 2 MB) and content never goes in it.</summary>
    public static byte[] Zip(ExportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ExportManifest.EntryName, JsonSerializer.SerializeToUtf8Bytes(plan.Manifest, ManifestJson));
            foreach (var entry in plan.Entries)
            {
                Add(zip, entry.Name, entry.Bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="zipPath"/> and, with content, the <c>_files</c> folder beside it (each file copied from the library).</summary>
    public static async Task WriteToFolderAsync(string zipPath, ExportPlan plan, ContentLibrary library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(library);
        await File.WriteAllBytesAsync(zipPath, Zip(plan), cancellationToken);
        if (!plan.Manifest.IncludesContent)
        {
            return;
        }

        // In-kernel copies (copy_file_range), one per core at a time: a package of many files is bound by the
        // per-file work as much as by the bytes.
        var root = ExportPlan.FilesFolderFor(zipPath);
        await Parallel.ForEachAsync(plan.ContentFiles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            (file, _) =>
            {
                var target = Path.Combine(root, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(library.PathOf(file.File.Hash), target, overwrite: true);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>The tar stream of <c>export.zip</c> and <c>export_files/…</c>.</summary>
    public static async Task WriteBundleAsync(Stream output, ExportPlan plan, ContentLibrary library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(library);
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        using (var zip = new MemoryStream(Zip(plan)))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ExportPlan.BundleZipName) { DataStream = zip }, cancellationToken);
        }

        foreach (var file in plan.ContentFiles)
        {
            await using var source = library.OpenRead(file.File.Hash);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{ExportPlan.BundleFilesFolder}/{file.RelativePath}") { DataStream = source };
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(bytes);
    }
}
