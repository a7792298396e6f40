using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Content;

/// <summary>
/// The single-instance content library under the site's shared folder (<c>Storage:SharedDirectory</c>, by default the
/// data folder): every file once, named by its <see cref="ContentHash"/> (<c>content/ab/blake3-abcdef…</c>, sharded by
/// the digest's first two digits). Files arrive through a temp file that is hashed while it is written and renamed
/// into place only when complete, so a reader never sees a partial file under a hash. Each node writes its temp files
/// in a folder of its own beside the shards (<c>content/tmp/&lt;node&gt;</c>): the rename stays on one file system, so
/// it stays atomic on a share too, and a node clears only what it left itself. A running node touches its folder every
/// <see cref="TempFolderHeartbeat"/>; a folder in which nothing has been written for <see cref="RetiredTempFolderAge"/>
/// belongs to a node that is not running (taken out of the site, or stopped that long), and a starting node deletes it.
/// </summary>
public sealed class ContentLibrary : IDisposable
{
    /// <summary>How often a running node marks its temp folder as in use, even when it writes nothing.</summary>
    public static readonly TimeSpan TempFolderHeartbeat = TimeSpan.FromHours(1);

    /// <summary>
    /// Another node's temp folder with nothing written in it for this long is deleted at start: many heartbeats, so a
    /// running node's folder is never that old, and hours of clock skew between the nodes and a share's file server too.
    /// </summary>
    public static readonly TimeSpan RetiredTempFolderAge = TimeSpan.FromHours(24);

    // Large enough that a read and a write per chunk amortise their syscalls (ImportFile's loop; streams go through OverlappedCopy).
    private const int ChunkSize = 1 << 20;

    private readonly string _temp;
    private readonly TimeProvider _time;
    private readonly ITimer _heartbeat;

    public ContentLibrary(IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Root = Path.GetFullPath(Path.Combine(options.Value.SharedPath, "content"));
        var temps = Path.Combine(Root, "tmp");
        _temp = Path.Combine(temps, NodeName.Of(options.Value));

        // Whatever is in this node's temp folder was being written when it stopped: never a complete library file, so it
        // goes. Other nodes' folders are theirs while their files may be in flight: only a retired node's goes.
        DeleteFolder(_temp);
        SweepRetiredTempFolders(temps);

        // Files directly in tmp were left by a version with one temp folder per library, which no node writes to now.
        if (Directory.Exists(temps))
        {
            foreach (var leftover in Directory.EnumerateFiles(temps))
            {
                File.Delete(leftover);
            }
        }

        Directory.CreateDirectory(_temp);
        _heartbeat = time.CreateTimer(_ => KeepTempFolder(), null, TempFolderHeartbeat, TempFolderHeartbeat);

        // All 256 shard folders up front (once per library; later starts only find them): a new folder costs more than
        // the rename that puts a file in it, and an import would otherwise create most of them one file at a time.
        for (var shard = 0; shard < 256; shard++)
        {
            Directory.CreateDirectory(Path.Combine(Root, shard.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public string Root { get; }

    /// <summary>This node's own temp folder in the library, for files that must be renamed into it or are spooled on the way out.</summary>
    public string TempFolder => _temp;

    public void Dispose() => _heartbeat.Dispose();

    public string PathOf(string hash) => Path.Combine(Root, ContentHash.DigestOf(hash)[..2].ToString(), hash);

    public bool Has(string hash) => ContentHash.IsValid(hash) && File.Exists(PathOf(hash));

    /// <summary>
    /// Imports every file of a source folder; the manifest is sorted by relative path. Files go in parallel up
    /// to the processor count: hashing, not copying, is what costs, and it spreads over cores.
    /// </summary>
    public async Task<IReadOnlyList<ContentFile>> ImportFolderAsync(ContentSourceFolder source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var paths = source.Files;
        var files = new ContentFile[paths.Count];
        await Parallel.ForAsync(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            (i, token) =>
            {
                var (hash, size, mode) = ImportFile(source, paths[i].FullPath, token);
                files[i] = new ContentFile { Path = paths[i].RelativePath, Size = size, Hash = hash, Mode = mode };
                return ValueTask.CompletedTask;
            });
        return files;
    }

    /// <summary>
    /// One source file into the library: each chunk is hashed and written from the same buffer, so the
    /// hash is of exactly the bytes stored even if the source changes meanwhile. Synchronous reads and
    /// writes on the parallel loop's thread: async file I/O would be a thread-pool hop per chunk.
    /// </summary>
    private (string Hash, long Size, int? Mode) ImportFile(ContentSourceFolder source, string path, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var hasher = ContentHash.CreateHasher();
            long size = 0;
            int? mode;
            using (var input = source.OpenRead(path))
            using (var target = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0,
            }))
            {
                // The mode of the file actually read, not of the path: a swap after the walk cannot lend it another's bits.
                mode = OperatingSystem.IsWindows() ? null : (int)File.GetUnixFileMode(input.SafeFileHandle) & ContentFile.PermissionBits;
                int read;
                while ((read = input.Read(buffer, 0, ChunkSize)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    hasher.Append(buffer.AsSpan(0, read));
                    target.Write(buffer, 0, read);
                    size += read;
                }
            }

            var hash = hasher.Finish();
            Commit(temp, hash);
            return (hash, size, mode);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies a stream into the library, hashing as it goes. With <paramref name="expectedHash"/> the
    /// content must hash to it, else nothing is kept and <see cref="ContentHashMismatchException"/> is thrown.
    /// </summary>
    public async Task<(string Hash, long Size)> ImportAsync(Stream source, string? expectedHash, long? length, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(source, expectedHash, length, cancellationToken);
        Commit(staged.TempPath, staged.Hash);
        return (staged.Hash, staged.Size);
    }

    /// <summary>
    /// Writes a stream to a temp file, hashing as it goes, without putting it in the library yet: a
    /// caller importing many files stages them all and commits only when every one checked out. An expected
    /// hash is checked in its own algorithm (a legacy SHA-256 name stays SHA-256).
    /// </summary>
    public async Task<StagedContentFile> StageAsync(Stream source, string? expectedHash, long? length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        string hash;
        long size;
        try
        {
            using var hasher = ContentHash.CreateHasher(expectedHash);
            await using (var target = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, Options = FileOptions.Asynchronous,
                PreallocationSize = length is > 0 ? length.Value : 0,
            }))
            {
                size = await OverlappedCopy.CopyAsync(source, target, hasher, cancellationToken);
            }

            hash = hasher.Finish();
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        if (expectedHash is not null && !string.Equals(hash, expectedHash, StringComparison.Ordinal))
        {
            File.Delete(temp);
            throw new ContentHashMismatchException(expectedHash, hash, size);
        }

        return new StagedContentFile(temp, hash, size);
    }

    /// <summary>Puts a staged file in the library under its hash (or drops it when the library has those bytes already).</summary>
    public void Commit(StagedContentFile staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        Commit(staged.TempPath, staged.Hash);
    }

    /// <summary>Puts every staged file of an import in the library, several at once: each is a rename.</summary>
    public void CommitAll(IEnumerable<StagedContentFile> staged) => Parallel.ForEach(staged, Commit);

    /// <summary>Hashes a stored file again: true when it still holds what its name says.</summary>
    public async Task<bool> VerifyAsync(string hash, CancellationToken cancellationToken)
    {
        if (!Has(hash))
        {
            return false;
        }

        await using var stream = OpenRead(hash);
        var actual = await ContentHash.ComputeAsync(stream, hash, cancellationToken);
        return string.Equals(actual, hash, StringComparison.Ordinal);
    }

    /// <summary>
    /// Content validation: re-hashes the files of a manifest and moves any whose bytes no longer match
    /// to <c>content/quarantine</c>, so the next distribution copies them again. Returns the bad or missing files.
    /// </summary>
    public async Task<IReadOnlyList<ContentFile>> ValidateAsync(IEnumerable<ContentFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var bad = new List<ContentFile>();
        foreach (var file in files)
        {
            if (!Has(file.Hash))
            {
                bad.Add(file);
            }
            else if (!await VerifyAsync(file.Hash, cancellationToken))
            {
                var quarantine = Path.Combine(Root, "quarantine");
                Directory.CreateDirectory(quarantine);
                File.Move(PathOf(file.Hash), Path.Combine(quarantine, $"{file.Hash}.{Guid.NewGuid():N}"));
                bad.Add(file);
            }
        }

        return bad;
    }

    public FileStream OpenRead(string hash) => new(PathOf(hash), new FileStreamOptions
    {
        Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.SequentialScan | FileOptions.Asynchronous,
    });

    /// <summary>Package manifests a DP holds (a distribution point host keeps them as files: it has no store).</summary>
    public async Task SaveManifestAsync(PackageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var folder = Path.Combine(Root, "packages", manifest.PackageId);
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(manifest, JsonSerializerOptions.Web), cancellationToken);
        File.Move(temp, Path.Combine(folder, $"{manifest.Version}.json"), overwrite: true);
    }

    public async Task<PackageManifest?> ReadManifestAsync(string packageId, int version, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, "packages", packageId, $"{version}.json");
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<PackageManifest>(stream, JsonSerializerOptions.Web, cancellationToken);
    }

    private void Commit(string temp, string hash)
    {
        var target = PathOf(hash);
        if (File.Exists(target))
        {
            File.Delete(temp);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another import of the same bytes won the race; its copy is as good as ours.
            File.Delete(temp);
        }
    }

    // The folder's own write time is the mark (no file to write into it): another node sweeping at start reads it with
    // everything else in the folder. Made again if another node swept it while this one was away (the next temp file
    // needs it), but only inside the library: with the share unmounted, not in the empty mount point beneath it.
    private void KeepTempFolder()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.CreateDirectory(_temp);
                Directory.SetLastWriteTimeUtc(_temp, _time.GetUtcNow().UtcDateTime);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The share is away right now: the next heartbeat marks it, long before another node would call it retired.
        }
    }

    private void SweepRetiredTempFolders(string temps)
    {
        if (!Directory.Exists(temps))
        {
            return;
        }

        var cutoff = _time.GetUtcNow().UtcDateTime - RetiredTempFolderAge;
        foreach (var folder in Directory.EnumerateDirectories(temps))
        {
            if (string.Equals(folder, _temp, StringComparison.Ordinal) || NewestWrite(folder) >= cutoff)
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another node deleting it at the same start, or a file that appeared since: a later start looks again.
            }
        }
    }

    // The newest write in the folder, its own and every file's and subfolder's: one fresh file keeps it all.
    private static DateTime NewestWrite(string folder)
    {
        try
        {
            var newest = Directory.GetLastWriteTimeUtc(folder);
            var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", everything))
            {
                if (entry.LastWriteTimeUtc > newest)
                {
                    newest = entry.LastWriteTimeUtc;
                }
            }

            return newest;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable or changing under us: not provably idle, so it stays.
            return DateTime.MaxValue;
        }
    }

    // Another node may be sweeping this folder as retired at the same moment (this node was away for a day).
    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Gone already.
        }
    }
}
