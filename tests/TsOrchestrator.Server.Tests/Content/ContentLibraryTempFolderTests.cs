using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>
/// Issue 15: a starting node deleted the library's whole temp folder, with the files other nodes of the site were
/// writing into the shared library at that moment. Each node has its own and clears only that.
/// </summary>
public sealed class ContentLibraryTempFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_node_s_start_clears_its_own_temp_leftovers_and_never_another_node_s_file_in_flight()
    {
        var shared = Path.Combine(_root, "share");
        var node1 = new ContentLibrary(Options("node1", shared));
        var node2 = new ContentLibrary(Options("node2", shared));
        node1.TempFolder.ShouldNotBe(node2.TempFolder);
        node1.Root.ShouldBe(node2.Root);
        var inFlight = Path.Combine(node2.TempFolder, "being-written");
        var leftover = Path.Combine(node1.TempFolder, "crashed-import");
        File.WriteAllText(inFlight, "node 2 writes this now");
        File.WriteAllText(leftover, "node 1 stopped while writing this");

        var restarted = new ContentLibrary(Options("node1", shared));

        restarted.TempFolder.ShouldBe(node1.TempFolder, "a node keeps its temp folder across starts (its name is in its data folder)");
        File.Exists(leftover).ShouldBeFalse();
        File.ReadAllText(inFlight).ShouldBe("node 2 writes this now");
    }

    [Fact]
    public async Task A_file_imported_through_one_node_is_in_the_library_of_the_other()
    {
        var shared = Path.Combine(_root, "share");
        var node1 = new ContentLibrary(Options("node1", shared));
        var node2 = new ContentLibrary(Options("node2", shared));

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

    private IOptions<StorageOptions> Options(string node, string shared) =>
        Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = Path.Combine(_root, node), SharedDirectory = shared });
}
