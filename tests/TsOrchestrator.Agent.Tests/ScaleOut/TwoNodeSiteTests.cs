using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>
/// Two server processes on one PostgreSQL and one shared folder serve one site: what one node stores, the other
/// answers with, content and import previews included.
/// </summary>
public sealed class TwoNodeSiteTests(TwoNodeSite site) : IClassFixture<TwoNodeSite>
{
    private const string NoPostgres = "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL";

    [SkippableFact]
    public async Task A_collection_created_through_one_node_is_listed_by_the_other()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);

        var created = await SiteAdmin.For(site.Node1).CreateCollectionAsync(new CreateCollectionRequest { Name = "Both nodes" });

        (await SiteAdmin.For(site.Node2).ListCollectionsAsync()).ShouldContain(c => c.Id == created.Id && c.Name == "Both nodes");
    }

    [SkippableFact]
    public async Task A_package_created_and_distributed_through_node_1_is_downloaded_by_a_real_agent_through_node_2()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        using var device = new DeviceUnderTest(site.Node2);
        var admin = SiteAdmin.For(site.Node1);
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "install.sh"), $"echo installed through node 2 > {device.Files}/installed.txt\n");
        var package = await admin.CreatePackageAsync(new CreatePackageRequest
        {
            Name = "Shared library", SourcePath = source, Programs = [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }],
        });
        await SiteAdmin.DistributeToSiteAsync(admin, package.Id);

        var deploymentId = await Site.DeployAsync(site.Node1, device, $$$"""
            {"formatVersion": 1, "id": "SHARED01", "name": "Content through node 2", "nodes": [
              {"kind": "step", "name": "Download", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}"}},
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(site.Node2, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output + site.Node2.Log);
        (await File.ReadAllTextAsync(Path.Combine(device.Files, "installed.txt"))).Trim().ShouldBe("installed through node 2");
    }

    [SkippableFact]
    public async Task An_import_previewed_through_node_1_is_committed_through_node_2_with_its_content()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        var node1 = SiteAdmin.For(site.Node1);
        var node2 = SiteAdmin.For(site.Node2);
        var source = Directory.CreateTempSubdirectory("tsorch-shared-import-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "tool.txt"), "exported with its content");
            var package = await node1.CreatePackageAsync(new CreatePackageRequest { Name = "Exported tool", SourcePath = source });
            var sequence = await node1.CreateTaskSequenceAsync(new CreateTaskSequenceRequest
            {
                Sequence = NativeFormat.Deserialize($$$"""
                    {"formatVersion": 1, "id": "SHARED02", "name": "Exported", "nodes": [
                      {"kind": "step", "name": "Download", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}"}}
                    ]}
                    """),
            });
            using var export = new MemoryStream();
            await using (var body = await node1.ExportAsync(new ExportRequest { Ids = [sequence.Summary.Id], IncludeContent = true }))
            {
                await body.CopyToAsync(export);
            }

            using var upload = new ByteArrayContent(export.ToArray());
            var preview = await node1.PreviewImportAsync(upload);

            // Both objects exist already: Create New makes copies with new ids, the package's files taken from the upload.
            var result = await node2.CommitImportAsync(preview.Id, new CommitImportRequest
            {
                Actions = preview.Objects.ToDictionary(o => o.Id, _ => ImportAction.CreateNew),
            });

            var copy = result.Objects.Single(o => o.Kind == ExchangeObjectKind.Package);
            copy.Id.ShouldNotBe(package.Id);
            (await node1.ListTaskSequencesAsync()).ShouldContain(s => s.Id == result.Objects.Single(o => o.Kind == ExchangeObjectKind.TaskSequence).Id);
            await SiteAdmin.DistributeToSiteAsync(node1, copy.Id); // the site's distribution point holds every file the import put in the library
            await Should.ThrowAsync<Refit.ApiException>(() => node1.GetImportAsync(preview.Id), "a committed preview is gone for every node");
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Node_1_started_again_clears_its_own_temp_leftovers_and_never_node_2_s_file_in_flight()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        var leftover = Path.Combine(TempFolderOf(site.Node1), "crashed-import");
        var inFlight = Path.Combine(TempFolderOf(site.Node2), "being-written");
        await File.WriteAllTextAsync(leftover, "node 1 was killed while writing this");
        await File.WriteAllTextAsync(inFlight, "node 2 is writing this now");

        await site.Node1.RestartAsync();

        File.Exists(leftover).ShouldBeFalse(site.Node1.Log);
        (await File.ReadAllTextAsync(inFlight)).ShouldBe("node 2 is writing this now");
    }

    [SkippableFact]
    public async Task A_node_started_without_the_site_s_shared_folder_refuses_to_start_naming_the_setting()
    {
        Skip.IfNot(TwoNodeSite.Available, NoPostgres);
        var third = new ServerProcess { ExtraArguments = [.. site.NodeArguments.Where(a => !a.StartsWith("--Storage:SharedDirectory=", StringComparison.Ordinal))] };
        try
        {
            await Should.ThrowAsync<InvalidOperationException>(third.InitializeAsync);

            third.ExitCode.ShouldBe(1);
            third.Log.ShouldContain($"tsorch-server: Storage:SharedDirectory ({third.DataDirectory}) is not this site's shared folder: it holds no tsorch-site.id");
            (await SiteAdmin.For(site.Node2).ListCollectionsAsync()).ShouldNotBeNull("the site's own nodes serve on");
        }
        finally
        {
            await third.DisposeAsync();
        }
    }

    /// <summary>The node's own temp folder in the shared library, named by the <c>node.id</c> in its data folder.</summary>
    private string TempFolderOf(ServerProcess node) =>
        Path.Combine(site.SharedDirectory, "content", "tmp", File.ReadAllText(Path.Combine(node.DataDirectory, "node.id")).Trim());
}
