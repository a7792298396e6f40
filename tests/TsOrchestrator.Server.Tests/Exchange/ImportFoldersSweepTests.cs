using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>
/// Issue 15: every node of a site sweeps the one shared folder of previews when it takes an upload, so the sweep goes
/// by age only: another node's upload in progress, or its preview being written, is never taken for an expired one.
/// </summary>
public sealed class ImportFoldersSweepTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_upload_takes_only_expired_previews_never_another_node_s_upload_or_half_written_preview()
    {
        var node1 = Folders("node1");
        var node2 = Folders("node2");
        var (_, uploading) = node2.Create();
        var (_, writing) = node2.Create();
        await File.WriteAllTextAsync(ImportFolders.SetPath(writing), "{\"id\": \"IMP"); // node 2 is writing its preview right now
        var (expiredId, expired) = node2.Create();
        await ImportFolders.WriteSetAsync(expired, new ImportSet
        {
            Id = expiredId, Sequences = [], Packages = [], ExpiresAt = TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(1),
        }, CancellationToken.None);

        var (_, own) = node1.Create();

        node1.Root.ShouldBe(node2.Root);
        Directory.Exists(uploading).ShouldBeTrue();
        Directory.Exists(writing).ShouldBeTrue();
        Directory.Exists(expired).ShouldBeFalse();
        Directory.Exists(own).ShouldBeTrue();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private ImportFolders Folders(string node) => new(
        Options.Create(new StorageOptions { DataDirectory = Path.Combine(_root, node), SharedDirectory = Path.Combine(_root, "share") }),
        Options.Create(new ExchangeOptions()), TimeProvider.System);
}
