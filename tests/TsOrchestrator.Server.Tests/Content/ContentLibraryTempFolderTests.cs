using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>
/// Issue 15: a starting node deleted the library's whole temp folder, with the files other nodes of the site were
/// writing into the shared library at that moment. Each node has its own and clears only that; a retired node's folder
/// goes once nothing has been written in it for a day, and a running node's folder never gets that old.
/// </summary>
public sealed class ContentLibraryTempFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));

    // Today, on a clock the tests move: write times are set relative to it, and the heartbeat fires when it is advanced.
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());

    [Fact]
    public void A_node_s_start_clears_its_own_temp_leftovers_and_never_another_node_s_file_in_flight()
    {
        var shared = Path.Combine(_root, "share");
        var node1 = new ContentLibrary(Options("node1", shared), _clock);
        var node2 = new ContentLibrary(Options("node2", shared), _clock);
        node1.TempFolder.ShouldNotBe(node2.TempFolder);
        node1.Root.ShouldBe(node2.Root);
        var inFlight = Path.Combine(node2.TempFolder, "being-written");
        var leftover = Path.Combine(node1.TempFolder, "crashed-import");
        File.WriteAllText(inFlight, "node 2 writes this now");
        File.WriteAllText(leftover, "node 1 stopped while writing this");

        var restarted = new ContentLibrary(Options("node1", shared), _clock);

        restarted.TempFolder.ShouldBe(node1.TempFolder, "a node keeps its temp folder across starts (its name is in its data folder)");
        File.Exists(leftover).ShouldBeFalse();
        File.ReadAllText(inFlight).ShouldBe("node 2 writes this now");
    }

    [Fact]
    public void A_node_s_start_deletes_a_retired_node_s_temp_folder_in_which_nothing_was_written_for_a_day()
    {
        var shared = Path.Combine(_root, "share");
        using var retired = new ContentLibrary(Options("retired", shared), _clock);
        var crashed = Path.Combine(retired.TempFolder, "crashed-import");
        var spool = Path.Combine(retired.TempFolder, "spool", "package.prestaged");
        File.WriteAllText(crashed, "left when the node was taken out of the site");
        Directory.CreateDirectory(Path.GetDirectoryName(spool)!);
        File.WriteAllText(spool, "and this, one folder down");
        WrittenAgo(retired.TempFolder, TimeSpan.FromHours(25));

        using var starting = new ContentLibrary(Options("node1", shared), _clock);

        Directory.Exists(retired.TempFolder).ShouldBeFalse();
        Directory.Exists(starting.TempFolder).ShouldBeTrue();
    }

    [Fact]
    public void A_fresh_file_anywhere_in_another_node_s_temp_folder_keeps_the_whole_folder()
    {
        var shared = Path.Combine(_root, "share");
        using var writing = new ContentLibrary(Options("node2", shared), _clock);
        var old = Path.Combine(writing.TempFolder, "old-spool");
        var nested = Path.Combine(writing.TempFolder, "import", "being-written");
        File.WriteAllText(old, "a day old");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        File.WriteAllText(nested, "written a minute ago");
        WrittenAgo(writing.TempFolder, TimeSpan.FromHours(30));
        File.SetLastWriteTimeUtc(nested, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));

        using var starting = new ContentLibrary(Options("node1", shared), _clock);

        File.ReadAllText(nested).ShouldBe("written a minute ago");
        File.ReadAllText(old).ShouldBe("a day old", "a folder goes whole or not at all");
    }

    [Fact]
    public void A_running_node_that_writes_nothing_keeps_its_temp_folder_from_being_swept_as_retired()
    {
        var shared = Path.Combine(_root, "share");
        using var idle = new ContentLibrary(Options("node2", shared), _clock);
        WrittenAgo(idle.TempFolder, TimeSpan.FromHours(25));

        _clock.Advance(ContentLibrary.TempFolderHeartbeat);
        using var starting = new ContentLibrary(Options("node1", shared), _clock);

        Directory.Exists(idle.TempFolder).ShouldBeTrue("the heartbeat marked it an hour ago");

        // A share that was away for a day and came back empty: the next heartbeat makes the folder again.
        Directory.Delete(idle.TempFolder);
        _clock.Advance(ContentLibrary.TempFolderHeartbeat);
        Directory.Exists(idle.TempFolder).ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_imported_through_one_node_is_in_the_library_of_the_other()
    {
        var shared = Path.Combine(_root, "share");
        var node1 = new ContentLibrary(Options("node1", shared), _clock);
        var node2 = new ContentLibrary(Options("node2", shared), _clock);

        var (hash, _) = await node1.ImportAsync(new MemoryStream("one library"u8.ToArray()), null, null, CancellationToken.None);

        node2.Has(hash).ShouldBeTrue();
        (await node2.VerifyAsync(hash, CancellationToken.None)).ShouldBeTrue();
        Directory.EnumerateFiles(node1.TempFolder).ShouldBeEmpty("the temp file was renamed into the library");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // Everything in the folder, and the folder itself, last written that long ago.
    private void WrittenAgo(string folder, TimeSpan age)
    {
        var then = _clock.GetUtcNow().UtcDateTime - age;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, then);
        }

        foreach (var subfolder in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
        {
            Directory.SetLastWriteTimeUtc(subfolder, then);
        }

        Directory.SetLastWriteTimeUtc(folder, then);
    }

    private IOptions<StorageOptions> Options(string node, string shared) =>
        Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = Path.Combine(_root, node), SharedDirectory = shared });
}
