using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Content.Problems;

namespace TsOrchestrator.Content;

/// <summary>
/// Prestaged content files: package versions with their files in one zip, carried to a distribution
/// point by hand and imported there. An import checks every hash before it keeps anything.
/// </summary>
public static class PrestagedContent
{
    private const string FilePrefix = "files/";

    /// <summary>Writes the zip to <paramref name="output"/> (which need not seek), reading files from the library.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<PackageManifest> packages, ContentLibrary library, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(library);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = zip.CreateEntry(PrestagedContentManifest.EntryName, CompressionLevel.Optimal);
        await using (var stream = await manifest.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(stream, new PrestagedContentManifest { CreatedAt = now, Packages = packages }, JsonSerializerOptions.Web, cancellationToken);
        }

        foreach (var hash in packages.SelectMany(p => p.Files).Select(f => f.Hash).Distinct(StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(FilePrefix + hash, await CompressionForAsync(library, hash, cancellationToken));
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var source = library.OpenRead(hash);
            await OverlappedCopy.CopyAsync(source, target, hasher: null, cancellationToken);
        }
    }

    /// <summary>
    /// Imports a prestaged file: refuses anything that is not one, and any file whose bytes do not match its hash,
    /// before writing a single file to the library. One reader per core, each with its own archive over the file (an
    /// entry's stream is bound to its archive's position), takes every n-th file, so hashing spreads over cores.
    /// </summary>
    public static async Task<IReadOnlyList<PackageManifest>> ImportAsync(string path, ContentLibrary library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        PrestagedContentManifest manifest;
        List<string> needed;
        await using (var zip = await OpenAsync(path, cancellationToken))
        {
            manifest = await ReadManifestAsync(zip, cancellationToken);
            needed = manifest.Packages.SelectMany(p => p.Files).Select(f => f.Hash).Distinct(StringComparer.Ordinal).ToList();
            if (needed.FirstOrDefault(hash => zip.GetEntry(FilePrefix + hash) is null) is { } absent)
            {
                throw Problem.BadRequest("file", $"the prestaged file lacks content file {absent}");
            }
        }

        // Every file is staged and checked before any goes into the library: a corrupt or truncated file is refused whole.
        var staged = new ConcurrentBag<StagedContentFile>();
        var readers = Math.Max(1, Math.Min(Environment.ProcessorCount, needed.Count));
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, readers), new ParallelOptions { MaxDegreeOfParallelism = readers, CancellationToken = cancellationToken },
                async (reader, token) =>
                {
                    await using var zip = await OpenAsync(path, token);
                    for (var i = reader; i < needed.Count; i += readers)
                    {
                        staged.Add(await StageEntryAsync(zip, needed[i], library, token));
                    }
                });
        }
        catch
        {
            StagedContentFile.DiscardAll(staged);
            throw;
        }

        library.CommitAll(staged);
        foreach (var package in manifest.Packages)
        {
            await library.SaveManifestAsync(package, cancellationToken);
        }

        return manifest.Packages;
    }

    private static async Task<ZipArchive> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            await file.DisposeAsync();
            throw NotPrestaged($"it is not a zip file ({e.Message})");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<StagedContentFile> StageEntryAsync(ZipArchive zip, string hash, ContentLibrary library, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(FilePrefix + hash)!;
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            return await library.StageAsync(stream, hash, entry.Length, cancellationToken);
        }
        catch (ContentHashMismatchException e)
        {
            throw Problem.BadRequest("file", $"content file {hash} in the prestaged file hashes to {e.Actual}: the file is corrupt");
        }
        catch (InvalidDataException e)
        {
            throw Problem.BadRequest("file", $"content file {hash} in the prestaged file cannot be read ({e.Message}): the file is corrupt or truncated");
        }
    }

    /// <summary>
    /// Most content is compressed already (images, installers, cabinets): deflating it again costs far
    /// more than it saves. A sample of the file's start decides between storing and the fastest deflate.
    /// </summary>
    private static async Task<CompressionLevel> CompressionForAsync(ContentLibrary library, string hash, CancellationToken cancellationToken)
    {
        var sample = new byte[64 * 1024];
        int read;
        await using (var source = library.OpenRead(hash))
        {
            read = await source.ReadAtLeastAsync(sample, sample.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if (read < 512)
        {
            return CompressionLevel.Fastest;
        }

        using var compressed = new MemoryStream();
        await using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await deflate.WriteAsync(sample.AsMemory(0, read), cancellationToken);
        }

        return compressed.Length < read * 0.9 ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
    }

    private static async Task<PrestagedContentManifest> ReadManifestAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(PrestagedContentManifest.EntryName) ?? throw NotPrestaged($"it has no {PrestagedContentManifest.EntryName}");
        PrestagedContentManifest? manifest;
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            using var json = new MemoryStream();
            await stream.CopyToAsync(json, cancellationToken);
            manifest = JsonSerializer.Deserialize<PrestagedContentManifest>(
                Format1Manifests.Upgrade(json.ToArray(), "packages", PrestagedContentManifest.CurrentFormatVersion), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw NotPrestaged($"its {PrestagedContentManifest.EntryName} cannot be read ({e.Message})");
        }

        if (manifest is null || manifest.Format != PrestagedContentManifest.Kind || manifest.Packages is null)
        {
            throw NotPrestaged($"its {PrestagedContentManifest.EntryName} is not a prestaged content manifest");
        }

        if (manifest.FormatVersion != PrestagedContentManifest.CurrentFormatVersion)
        {
            throw Problem.BadRequest("file", $"prestaged content format version {manifest.FormatVersion} is not supported (this server reads version {PrestagedContentManifest.CurrentFormatVersion})");
        }

        var bad = manifest.Packages.FirstOrDefault(p => !PackageIds.IsValid(p.PackageId) || p.Files is null || p.Files.Any(f => !ContentHash.IsValid(f.Hash)));
        return bad is null ? manifest : throw NotPrestaged($"its manifest names an invalid package or file hash ({bad.PackageId})");
    }

    private static ApiProblemException NotPrestaged(string why) =>
        Problem.BadRequest("file", $"this is not a prestaged content file: {why}");
}
