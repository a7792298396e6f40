using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>Issue 14: the database and its WAL were 0644. The data folder is the owner's alone, and so is each secret in it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public async Task Data_folder_store_admin_key_and_key_ring_are_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        // Every ServerFactory.Dispose in the process clears all SQLite pools; when the last connection to this file
        // closes, SQLite checkpoints and deletes the WAL. One open connection of our own keeps the WAL the server writes.
        using var holdsWal = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={Path.Combine(server.DataDirectory, new StorageOptions().SqliteFileName)};Pooling=False");
        holdsWal.Open();
        using (var read = holdsWal.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            read.ExecuteScalar();
        }

        await admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(server.SourcesDirectory, ("a", "1"))); // a write, so the WAL exists
        KeyRingHasAKey(server);

        File.Exists(Path.Combine(server.DataDirectory, new StorageOptions().SqliteFileName + "-wal")).ShouldBeTrue();
        ModesOf(server.DataDirectory).ShouldBe(Expected(server.DataDirectory));
    }

    [SkippableFact]
    public async Task Modes_left_open_by_an_older_version_are_put_right_at_start()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new ServerFactory(dataDirectory: dataDirectory))
            {
                KeyRingHasAKey(first);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            foreach (var path in ModesOf(dataDirectory).Keys.Select(name => Path.Combine(dataDirectory, name)))
            {
                File.SetUnixFileMode(path, Directory.Exists(path) ? Open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : Open);
            }

            using var second = new ServerFactory(dataDirectory: dataDirectory);
            _ = second.AdminKey;

            ModesOf(dataDirectory).ShouldBe(Expected(dataDirectory));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static void KeyRingHasAKey(ServerFactory server) =>
        server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a secret").ShouldNotBeEmpty();

    /// <summary>The data folder and each protected file that exists, by name relative to the data folder.</summary>
    private static Dictionary<string, UnixFileMode> ModesOf(string dataDirectory)
    {
        var names = new List<string> { ".", AdminKeyBootstrapper.KeyFileName };
        var database = new StorageOptions().SqliteFileName;
        names.AddRange(new[] { database, database + "-wal", database + "-shm", KeyRingSecret.DefaultFileName }.Where(f => File.Exists(Path.Combine(dataDirectory, f))));
        return names.ToDictionary(n => n, n => File.GetUnixFileMode(Path.Combine(dataDirectory, n)));
    }

    private static Dictionary<string, UnixFileMode> Expected(string dataDirectory)
    {
        var modes = ModesOf(dataDirectory);
        modes.Keys.ShouldContain(new StorageOptions().SqliteFileName);
        modes.Keys.ShouldContain(KeyRingSecret.DefaultFileName, "the key ring's key file");
        return modes.Keys.ToDictionary(k => k, k => k is "." ? OwnerOnlyFolder : OwnerOnlyFile);
    }
}
