using System.Runtime.Versioning;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Tests.Handlers;

[SupportedOSPlatform("linux")]
public sealed class StagedTreeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tsorch-staged-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Link_to_a_folder_that_still_exists_is_moved_into_place_as_the_link()
    {
        // Seen applying a captured Debian tree: lib -> usr/lib was moved while usr/lib was still staged, and File.Move
        // took the link for a folder and refused it as missing.
        var staging = Directory.CreateDirectory(Path.Combine(_folder, "staging")).FullName;
        var root = Directory.CreateDirectory(Path.Combine(_folder, "root")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "usr-lib")).FullName;
        File.CreateSymbolicLink(Path.Combine(staging, "lib"), outside);

        StagedTree.MoveInto(staging, root);

        new FileInfo(Path.Combine(root, "lib")).LinkTarget.ShouldBe(outside);
        Directory.Exists(outside).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(staging).ShouldBeEmpty();
    }
}
