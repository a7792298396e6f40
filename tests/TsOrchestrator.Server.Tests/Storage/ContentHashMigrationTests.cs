using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>
/// The ContentHashes migration renames PackageFiles.Sha256 to Hash. A store written before it holds SHA-256 names
/// whose bytes are in the library under those names, so the upgrade must keep every value, not drop the column.
/// </summary>
public sealed class ContentHashMigrationTests
{
    private const string LegacyName = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public async Task Upgrading_a_sqlite_store_keeps_the_sha256_names_of_its_package_files()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tsorch-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = new SqliteStoreContext(new DbContextOptionsBuilder<SqliteStoreContext>().UseSqlite($"Data Source={file}").Options);
            await UpgradeKeepsLegacyNamesAsync(store);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task Upgrading_a_postgres_store_keeps_the_sha256_names_of_its_package_files()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var connection = $"{ServerFactory.PostgresServer};Database={ServerFactory.NewPostgresDatabaseName()}";
        await using var store = new PostgresStoreContext(new DbContextOptionsBuilder<PostgresStoreContext>().UseNpgsql(connection).Options);
        try
        {
            await UpgradeKeepsLegacyNamesAsync(store);
        }
        finally
        {
            await store.Database.EnsureDeletedAsync();
        }
    }

    private static async Task UpgradeKeepsLegacyNamesAsync(StoreContext store)
    {
        var migrator = store.GetService<IMigrator>();
        var before = store.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_ContentHashes", StringComparison.Ordinal)).Last();
        await migrator.MigrateAsync(before);
        await store.Database.ExecuteSqlAsync(
            $"""INSERT INTO "PackageFiles" ("PackageId", "Version", "RelativePath", "Size", "Sha256") VALUES ('TSP00001', 1, 'setup.cmd', 3, {LegacyName})""");

        await migrator.MigrateAsync();

        var row = await store.PackageFiles.SingleAsync();
        (row.PackageId, row.RelativePath, row.Size, row.Hash).ShouldBe(("TSP00001", "setup.cmd", 3L, LegacyName));
    }
}
