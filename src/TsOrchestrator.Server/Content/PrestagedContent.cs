using System.IO.Compression;
using System.Text.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Content;

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
    /// Imports a prestaged file (a seekable stream): refuses anything that is not one, and any file whose
    /// bytes do not match its hash, before writing a single file to the library.
    /// </summary>
    public static async Task<IReadOnlyList<PackageManifest>> ImportAsync(Stream file, ContentLibrary library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw NotPrestaged($"it is not a zip file ({e.Message})");
        }

        await using (zip)
        {
            var manifest = await ReadManifestAsync(zip, cancellationToken);
            var needed = manifest.Packages.SelectMany(p => p.Files).Select(f => f.Hash).Distinct(StringComparer.Ordinal).ToList();
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var hash in needed)
            {
                entries[hash] = zip.GetEntry(FilePrefix + hash) ?? throw Problem.BadRequest("file", $"the prestaged file lacks content file {hash}");
            }

            // Every file is staged and checked before any goes into the library: a corrupt or truncated file is refused whole.
            var staged = new List<StagedContentFile>();
            try
            {
                foreach (var (hash, entry) in entries)
                {
                    try
                    {
                        await using var stream = await entry.OpenAsync(cancellationToken);
                        staged.Add(await library.StageAsync(stream, hash, entry.Length, cancellationToken));
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
            }
            catch
            {
                staged.ForEach(s => s.Discard());
                throw;
            }

            staged.ForEach(library.Commit);
            foreach (var package in manifest.Packages)
            {
                await library.SaveManifestAsync(package, cancellationToken);
            }

            return manifest.Packages;
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
