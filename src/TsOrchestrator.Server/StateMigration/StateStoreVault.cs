using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>
/// The encrypted user state files of the state migration point. Every upload gets a fresh random AES-256 key (so a
/// retried upload never reuses a key's nonces), kept only in the store, protected with the server's Data Protection
/// key ring: the files alone, or the database alone, reveal nothing. Files and their folder are the owner's only.
/// </summary>
public sealed class StateStoreVault
{
    public const string Purpose = "TsOrchestrator.StateMigration";
    private const string StateSuffix = ".state";
    private const string PartialSuffix = ".partial";

    private readonly IDataProtector _protector;
    private readonly StateMigrationOptions _options;

    public StateStoreVault(IDataProtectionProvider protection, IOptions<StateMigrationOptions> options, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _protector = protection.CreateProtector(Purpose);
        _options = options.Value;
        Folder = _options.FolderUnder(storage.Value.SharedPath);
    }

    public string Folder { get; }

    /// <summary>Encrypts the body into a new file; nothing of it stays when it fails or is too large.</summary>
    public async Task<StoredState> WriteAsync(string storeId, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        CreateFolder();
        var free = new DriveInfo(Folder).AvailableFreeSpace;
        if (free - (declaredLength ?? 0) < _options.MinFreeBytes)
        {
            throw new ApiProblemException(StatusCodes.Status507InsufficientStorage, "State migration point full",
                $"the state migration point has {free:N0} bytes free; storing {declaredLength ?? 0:N0} more would leave less than {_options.MinFreeBytes:N0} ({StateMigrationOptions.Section}:{nameof(StateMigrationOptions.MinFreeBytes)}); nothing was written");
        }

        var key = RandomNumberGenerator.GetBytes(StateCipher.KeyBytes);
        var file = $"{storeId}-{Guid.NewGuid():N}{StateSuffix}";
        var partial = Path.Combine(Folder, file + PartialSuffix);
        try
        {
            long size;
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 16, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var output = new FileStream(partial, create))
            {
                size = await StateCipher.EncryptAsync(body, output, key, cancellationToken);
                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, Path.Combine(Folder, file));
            return new StoredState(file, Convert.ToBase64String(_protector.Protect(key)), size);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>Decrypts a store's state into <paramref name="output"/>; a damaged file throws <see cref="CryptographicException"/>.</summary>
    public async Task ReadAsync(StateStoreEntity store, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var key = _protector.Unprotect(Convert.FromBase64String(store.ProtectedKey!));
        try
        {
            await using var input = new FileStream(Path.Combine(Folder, store.BlobFile!), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            await StateCipher.DecryptAsync(input, output, key, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Delete(string? blobFile)
    {
        if (blobFile is not null && File.Exists(Path.Combine(Folder, blobFile)))
        {
            File.Delete(Path.Combine(Folder, blobFile));
        }
    }

    /// <summary>
    /// The files in the folder that no store names, older than <paramref name="olderThan"/>: uploads a crash cut
    /// short, or a state replaced while its old file was still being read.
    /// </summary>
    public IEnumerable<string> Strays(IReadOnlySet<string> named, DateTimeOffset olderThan) =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>()
                .Where(f => (f.EndsWith(StateSuffix, StringComparison.Ordinal) || f.EndsWith(PartialSuffix, StringComparison.Ordinal)) && !named.Contains(f))
                .Where(f => File.GetLastWriteTimeUtc(Path.Combine(Folder, f)) < olderThan.UtcDateTime)
                .ToList()
            : [];

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return;
        }

        Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
