using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>
/// Issue 15: a node given its own folder instead of the site's share served content and previews no other node had.
/// The share carries a marker whose id the store holds; a node whose folder does not match refuses to start.
/// </summary>
public sealed class SiteSharedFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));

    private string StoreFile => Path.Combine(_root, "site.db");

    [Fact]
    public async Task First_start_on_a_store_without_a_site_id_adopts_its_folder_with_the_content_already_in_it()
    {
        // What a single node of an older version leaves: a library with content, no marker, no id in the store.
        var shared = Folder("node1-data");
        var content = Path.Combine(shared, "content", "ab", "blake3-ab01");
        Directory.CreateDirectory(Path.GetDirectoryName(content)!);
        await File.WriteAllTextAsync(content, "kept");

        await using (var store = await StoreAsync())
        {
            await SiteSharedFolder.VerifyAsync(store, Options(shared), CancellationToken.None);
        }

        var id = (await File.ReadAllTextAsync(Path.Combine(shared, SiteSharedFolder.MarkerFileName))).Trim();
        await using (var store = await StoreAsync())
        {
            (await store.SiteSettings.SingleAsync()).Value.ShouldBe(id);
            await SiteSharedFolder.VerifyAsync(store, Options(shared), CancellationToken.None); // the next start finds its own
        }

        File.ReadAllText(content).ShouldBe("kept");
    }

    [Fact]
    public async Task A_node_whose_shared_folder_holds_no_marker_refuses_naming_the_setting_and_the_folder()
    {
        var site = Folder("share");
        var own = Folder("node2-data");
        await using var store = await StoreAsync();
        await SiteSharedFolder.VerifyAsync(store, Options(site), CancellationToken.None);

        var refused = await Should.ThrowAsync<SharedFolderMismatchException>(() => SiteSharedFolder.VerifyAsync(store, Options(own), CancellationToken.None));

        refused.Message.ShouldStartWith($"Storage:SharedDirectory ({own}) is not this site's shared folder: it holds no {SiteSharedFolder.MarkerFileName}");
        File.Exists(Path.Combine(own, SiteSharedFolder.MarkerFileName)).ShouldBeFalse("a refused node marks nothing");
    }

    [Fact]
    public async Task A_shared_folder_of_another_site_is_refused()
    {
        var site = Folder("share");
        var other = Folder("other-share");
        await File.WriteAllTextAsync(Path.Combine(other, SiteSharedFolder.MarkerFileName), "another-site\n");
        await using var store = await StoreAsync();
        await SiteSharedFolder.VerifyAsync(store, Options(site), CancellationToken.None);

        var refused = await Should.ThrowAsync<SharedFolderMismatchException>(() => SiteSharedFolder.VerifyAsync(store, Options(other), CancellationToken.None));

        refused.Message.ShouldContain($"its {SiteSharedFolder.MarkerFileName} names another site (another-site)");
    }

    [Fact]
    public async Task Two_first_nodes_starting_at_once_on_one_shared_folder_agree_on_one_site_id()
    {
        var site = Folder("share");
        // Schema first, as PostgreSQL's migration lock orders two nodes' migrations.
        await (await StoreAsync()).DisposeAsync();

        await using var first = Store();
        await using var second = Store();

        await Task.WhenAll(
            Task.Run(() => SiteSharedFolder.VerifyAsync(first, Options(site), CancellationToken.None)),
            Task.Run(() => SiteSharedFolder.VerifyAsync(second, Options(site), CancellationToken.None)));

        await using var store = Store();
        (await store.SiteSettings.SingleAsync()).Value.ShouldBe((await File.ReadAllTextAsync(Path.Combine(site, SiteSharedFolder.MarkerFileName))).Trim());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static StorageOptions Options(string shared) => new() { DataDirectory = shared + "-node", SharedDirectory = shared };

    private SqliteStoreContext Store() =>
        new(new DbContextOptionsBuilder<SqliteStoreContext>().UseSqlite($"Data Source={StoreFile};Default Timeout=30").Options);

    private async Task<SqliteStoreContext> StoreAsync()
    {
        Directory.CreateDirectory(_root);
        var store = Store();
        await store.Database.MigrateAsync();
        return store;
    }
}
