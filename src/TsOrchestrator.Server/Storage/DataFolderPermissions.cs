using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// The data folder holds the store, the first admin key and the key file that encrypts the Data Protection key ring:
/// on Unix it is the owner's alone (0700) and so is each of those files (0600). Modes are set where the server creates them and put right at
/// every start for files an older version (or a restore) left readable to others.
/// </summary>
public static class DataFolderPermissions
{
    /// <summary>Where versions before the key ring moved into the store kept it, in clear; imported and deleted at start.</summary>
    public const string KeyRingFolderName = "keys";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the data folder owner-only, or makes it (and an older version's key ring folder) so.</summary>
    public static void SecureFolders(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var legacyKeyRing = Path.Combine(options.DataDirectory, KeyRingFolderName);
        foreach (var folder in Directory.Exists(legacyKeyRing) ? (string[])[options.DataDirectory, legacyKeyRing] : [options.DataDirectory])
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                continue;
            }

            Directory.CreateDirectory(folder, OwnerOnlyFolder);
            File.SetUnixFileMode(folder, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Creates the SQLite file empty and owner-only before SQLite opens it (SQLite would create it 0644 under the
    /// usual umask, and gives its -wal and -shm the database file's mode).
    /// </summary>
    public static void CreateStoreFile(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OperatingSystem.IsWindows() || File.Exists(options.SqlitePath))
        {
            return;
        }

        try
        {
            using var _ = new FileStream(options.SqlitePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        catch (IOException) when (File.Exists(options.SqlitePath))
        {
            // Another node or process of this site created it meanwhile; its mode is put right below.
        }
    }

    /// <summary>Makes the store's files, the admin key and the key ring's key file (and old folder) owner-only, wherever they exist.</summary>
    public static void SecureFiles(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var keyRing = Path.Combine(options.DataDirectory, KeyRingFolderName);
        var files = new List<string>
        {
            options.SqlitePath, options.SqlitePath + "-wal", options.SqlitePath + "-shm", options.SqlitePath + "-journal",
            Path.Combine(options.DataDirectory, AdminKeyBootstrapper.KeyFileName),
            Path.Combine(options.DataDirectory, KeyRing.KeyRingSecret.DefaultFileName),
        };
        if (Directory.Exists(keyRing))
        {
            files.AddRange(Directory.EnumerateFiles(keyRing));
        }

        foreach (var file in files)
        {
            try
            {
                if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnlyFile) != 0)
                {
                    File.SetUnixFileMode(file, OwnerOnlyFile);
                }
            }
            catch (FileNotFoundException)
            {
                // SQLite removed its -wal or -shm between the look and the change: nothing left to protect.
            }
        }
    }
}
