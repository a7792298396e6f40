using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Exchange;

public sealed class ExchangeRoundTripTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-exchange-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Export_with_content_imports_into_an_empty_server_byte_for_byte_with_every_secret_absent_and_flagged()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);

        var body = await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true, Comment = "lab build for the branch office" });
        var zip = await ExchangeTestKit.SaveExportAsync(body, Path.Combine(_root, "out"), "lab", withContent: true);

        // Not one secret in any byte of the zip, its entries expanded, or the files folder.
        var scanned = new List<byte[]> { await File.ReadAllBytesAsync(zip) };
        using (var archive = ZipFile.OpenRead(zip))
        {
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                scanned.Add(copy.ToArray());
            }

            archive.GetEntry("manifest.json").ShouldNotBeNull();
            archive.Entries.Count(e => e.FullName.EndsWith(".tsq.json", StringComparison.Ordinal)).ShouldBe(2);
            archive.Entries.Count(e => e.FullName.StartsWith("packages/", StringComparison.Ordinal)).ShouldBe(6);
        }

        var filesFolder = Path.Combine(_root, "out", "lab_files");
        scanned.AddRange(Directory.EnumerateFiles(filesFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes));
        foreach (var secret in ExchangeTestKit.Secrets)
        {
            foreach (var bytes in scanned)
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"secret {secret} was exported");
                bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)).ShouldBe(-1, $"secret {secret} was exported");
            }
        }

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(zip));
        preview.Source.ShouldBe(ImportSourceKind.Export);
        preview.Comment.ShouldBe("lab build for the branch office");
        preview.IncludesContent.ShouldBeTrue();
        preview.Objects.Count.ShouldBe(8);
        preview.Objects.ShouldAllBe(o => o.Existing == null && o.ProposedAction == ImportAction.CreateNew);
        preview.Objects.Single(o => o.Id == site.ParentId).StrippedSecrets.Select(s => s.Field).Order()
            .ShouldBe(["settings.DomainPassword", "settings.Rules[0].set.JoinSecret", "settings.UserPassword"]);
        preview.Objects.Single(o => o.Id == site.ChildId).StrippedSecrets.Single().Field.ShouldBe("settings.Password");

        var result = await (await targetAdmin.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        result.Objects.Select(o => o.Id).Order().ShouldBe(result.Objects.Select(o => o.SourceId).Order());

        // Sequences: the exported document, secrets replaced by the placeholder, nothing else changed.
        foreach (var id in new[] { site.ParentId, site.ChildId })
        {
            var original = await StoredAsync(source, id);
            var imported = await StoredAsync(target, id);
            NativeFormat.Serialize(imported with { Version = 0 }).ShouldBe(NativeFormat.Serialize(SecretStripping.Strip(original).Sequence with { Version = 0 }));
            var text = NativeFormat.Serialize(imported);
            ExchangeTestKit.Secrets.ShouldAllBe(s => !text.Contains(s, StringComparison.Ordinal));
        }

        // Every password is a problem on its sequence, both in the result and when the stored sequence is validated.
        var flagged = result.Problems.Where(p => p.Message.Contains("re-entered", StringComparison.Ordinal)).Select(p => $"{p.SequenceId} {p.Path} {p.Field}").Order().ToList();
        flagged.ShouldBe(new[]
        {
            $"{site.ChildId} 1 settings.Password",
            $"{site.ParentId} 0/1 settings.DomainPassword",
            $"{site.ParentId} 0/2 settings.UserPassword",
            $"{site.ParentId} 0/3 settings.Rules[0].set.JoinSecret",
        }.Order());
        SequenceValidator.Validate(await StoredAsync(target, site.ParentId)).Warnings.Count(w => w.Message.Contains("re-entered", StringComparison.Ordinal)).ShouldBe(3);

        // Packages: the same records, the same files, and every byte in the target's library under its hash.
        var library = target.Services.GetRequiredService<ContentLibrary>();
        foreach (var id in site.PackageIds)
        {
            var before = await (await admin.GetAsync($"/api/v1/packages/{id}")).ReadAsync<PackageInfo>();
            var after = await (await targetAdmin.GetAsync($"/api/v1/packages/{id}")).ReadAsync<PackageInfo>();
            after.Name.ShouldBe(before.Name);
            after.Type.ShouldBe(before.Type);
            after.Programs.ShouldBe(before.Programs);
            after.Dependencies.ShouldBe(before.Dependencies);
            after.SourcePath.ShouldStartWith(Path.Combine(target.DataDirectory, "imported-content"));
            var files = await (await targetAdmin.GetAsync($"/api/v1/packages/{id}/files")).ReadAsync<List<ContentFile>>();
            files.ShouldBe(await (await admin.GetAsync($"/api/v1/packages/{id}/files")).ReadAsync<List<ContentFile>>());
            foreach (var file in files)
            {
                ContentTestKit.HashOf(await File.ReadAllBytesAsync(library.PathOf(file.Hash))).ShouldBe(file.Hash);
                File.Exists(Path.Combine(after.SourcePath, file.Path)).ShouldBeTrue();
            }
        }

        // The preview is used up; the audit says who exported and imported what.
        (await targetAdmin.GetAsync($"/api/v1/imports/{preview.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audit = await (await targetAdmin.GetAsync("/api/v1/audit?take=50")).ReadAsync<List<Contracts.Auditing.AuditEntry>>();
        audit.Count(a => a.Action == "import").ShouldBe(8);
        (await (await admin.GetAsync("/api/v1/audit?take=50")).ReadAsync<List<Contracts.Auditing.AuditEntry>>()).Count(a => a.Action == "export").ShouldBe(8);
    }

    [Fact]
    public async Task Export_with_content_then_import_keeps_each_files_unix_mode_in_the_manifest_and_the_imported_source_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var folder = ContentTestKit.SourceFolder(_root, ("install.sh", "#!/bin/sh\necho installed\n"), ("data/readme.txt", "not executable"));
        const UnixFileMode executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Path.Combine(folder, "install.sh"), executable | UnixFileMode.SetUser);
        File.SetUnixFileMode(Path.Combine(folder, "data", "readme.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var tool = await admin.CreatePackageAsync("Executable tool", folder, PackageType.Package, [new PackageProgram { Name = "Install", CommandLine = "./install.sh" }]);
        var sequence = await ExchangeTestKit.SaveNewAsync(admin, "Run the tool", s => s with
        {
            Nodes = [ExchangeTestKit.Step("Tool", StepTypeIds.RunCommandLine, ("CommandLine", "./install.sh"), ("PackageID", tool.Id))],
        });
        var exported = await (await admin.GetAsync($"/api/v1/packages/{tool.Id}/files")).ReadAsync<List<ContentFile>>();
        // The setuid bit of the source is never recorded: only rwx for user, group and other.
        exported.Select(f => (f.Path, f.Mode)).ShouldBe(new (string, int?)[] { ("data/readme.txt", 0b110_000_000), ("install.sh", 0b111_101_101) });

        var zip = await ExchangeTestKit.SaveExportAsync(await admin.ExportAsync(new ExportRequest { Ids = [sequence], IncludeContent = true }),
            Path.Combine(_root, "out"), "modes", withContent: true);
        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(zip));
        (await targetAdmin.CommitAsync(preview.Id)).EnsureSuccessStatusCode();

        (await (await targetAdmin.GetAsync($"/api/v1/packages/{tool.Id}/files")).ReadAsync<List<ContentFile>>()).ShouldBe(exported);
        var imported = await (await targetAdmin.GetAsync($"/api/v1/packages/{tool.Id}")).ReadAsync<PackageInfo>();
        File.GetUnixFileMode(Path.Combine(imported.SourcePath, "install.sh")).ShouldBe(executable);
        File.GetUnixFileMode(Path.Combine(imported.SourcePath, "data", "readme.txt")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Import_actions_on_duplicates_link_create_new_with_rewritten_references_and_overwrite()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId] });

        var preview = await admin.PreviewAsync(export);
        preview.Objects.ShouldAllBe(o => o.Existing != null && o.Existing.MatchedBy == "id" && o.ProposedAction == ImportAction.IgnoreDuplicate);
        var childBefore = await (await admin.GetAsync($"/api/v1/task-sequences/{site.ChildId}")).ReadAsync<TaskSequenceDetails>();
        var packagesBefore = await (await admin.GetAsync("/api/v1/packages")).ReadAsync<List<PackageInfo>>();

        var result = await (await admin.CommitAsync(preview.Id, new()
        {
            [site.ParentId] = ImportAction.CreateNew,
            [site.ChildId] = ImportAction.Overwrite,
            [site.ToolsId] = ImportAction.CreateNew,
            [site.ApplicationId] = ImportAction.Overwrite,
        })).ReadAsync<ImportResult>();

        var parent = result.Objects.Single(o => o.SourceId == site.ParentId);
        parent.Id.ShouldNotBe(site.ParentId);
        var newTools = result.Objects.Single(o => o.SourceId == site.ToolsId).Id;
        newTools.ShouldNotBe(site.ToolsId);
        result.Objects.Single(o => o.SourceId == site.ChildId).ShouldSatisfyAllConditions(
            o => o.Id.ShouldBe(site.ChildId), o => o.Version.ShouldBe(childBefore.Summary.Version + 1));
        result.Objects.Where(o => o.Action == ImportAction.IgnoreDuplicate).ShouldAllBe(o => o.Id == o.SourceId);

        // The new parent runs the overwritten child and the new copy of Tools; what was linked keeps its id.
        var copy = await StoredAsync(server, parent.Id);
        var steps = NodePath.Walk(copy.Nodes).Select(n => n.Node).OfType<StepNode>().ToDictionary(s => s.Name);
        steps["Child"].Settings["TsPackageID"].ShouldBe(site.ChildId);
        steps["Tools"].Settings["PackageID"].ShouldBe(newTools);
        steps["Editor"].Settings["ApplicationName"].ShouldBe(site.ApplicationId);

        var packagesAfter = await (await admin.GetAsync("/api/v1/packages")).ReadAsync<List<PackageInfo>>();
        packagesAfter.Count.ShouldBe(packagesBefore.Count + 1);
        packagesAfter.Single(p => p.Id == site.ApplicationId).ConcurrencyVersion.ShouldBe(packagesBefore.Single(p => p.Id == site.ApplicationId).ConcurrencyVersion + 1);
        (await (await admin.GetAsync($"/api/v1/task-sequences/{site.ParentId}")).ReadAsync<TaskSequenceDetails>()).Summary.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Same_content_under_another_id_is_found_by_hash_and_linked_by_default()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId] });

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var child = SecretStripping.Strip(await StoredAsync(source, site.ChildId)).Sequence with { Id = "TSSAMEBODY", Version = 1 };
        (await targetAdmin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Sequence = child }, Api.Json)).EnsureSuccessStatusCode();

        var preview = await targetAdmin.PreviewAsync(export);
        var childPreview = preview.Objects.Single(o => o.Id == site.ChildId);
        childPreview.Existing.ShouldNotBeNull().ShouldSatisfyAllConditions(e => e.Id.ShouldBe("TSSAMEBODY"), e => e.MatchedBy.ShouldBe("contentHash"));
        childPreview.ProposedAction.ShouldBe(ImportAction.IgnoreDuplicate);

        await (await targetAdmin.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        var parent = await StoredAsync(target, site.ParentId);
        NodePath.Walk(parent.Nodes).Select(n => n.Node).OfType<StepNode>().Single(s => s.Name == "Child").Settings["TsPackageID"].ShouldBe("TSSAMEBODY");
        (await (await targetAdmin.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Failure_in_the_middle_of_a_commit_leaves_the_server_unchanged_and_the_preview_can_be_committed_again()
    {
        using var source = new ServerFactory();
        using var target = new ServerFactory();
        await FailedCommitChangesNothingAsync(source, target, _root);
    }

    [Fact]
    public async Task Export_with_content_of_a_package_that_came_without_it_is_refused_naming_the_package()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        await (await targetAdmin.CommitAsync((await targetAdmin.PreviewAsync(await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId] }))).Id)).ReadAsync<ImportResult>();

        var refused = await (await targetAdmin.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [site.ParentId], IncludeContent = true }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("came without its content");
        (await targetAdmin.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [site.ParentId] }, Api.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// The target has every object (without content) and someone else edits the parent; an import that overwrites
    /// everything stages the packages' content first and fails on the locked parent after them.
    /// </summary>
    internal static async Task FailedCommitChangesNothingAsync(ServerFactory source, ServerFactory target, string root)
    {
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, root);
        var withContent = await ExchangeTestKit.SaveExportAsync(
            await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true }), Path.Combine(root, "out"), "lab", withContent: true);

        using var targetAdmin = target.AdminClient();
        await (await targetAdmin.CommitAsync((await targetAdmin.PreviewAsync(await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId] }))).Id)).ReadAsync<ImportResult>();
        using var other = target.ClientWithKey(await target.CreateKeyAsync("other-admin", Server.Security.AdminRoles.FullAdministrator));
        (await other.LockAsync(site.ParentId)).EnsureSuccessStatusCode();
        var before = await SnapshotAsync(target);
        before.LibraryFiles.ShouldBe(0);

        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(withContent));
        var everything = preview.Objects.ToDictionary(o => o.Id, _ => ImportAction.Overwrite);
        var failed = await targetAdmin.CommitAsync(preview.Id, everything);
        (await failed.ShouldBeProblemAsync((HttpStatusCode)423)).ErrorFields().ShouldContain("lock");

        (await SnapshotAsync(target)).ShouldBe(before);
        Directory.EnumerateFiles(Path.Combine(target.DataDirectory, "content", "tmp")).ShouldBeEmpty();

        (await other.DeleteAsync($"/api/v1/task-sequences/{site.ParentId}/lock")).EnsureSuccessStatusCode();
        var result = await (await targetAdmin.CommitAsync(preview.Id, everything)).ReadAsync<ImportResult>();
        result.Objects.Single(o => o.SourceId == site.ParentId).Version.ShouldBe(2);
        (await SnapshotAsync(target)).LibraryFiles.ShouldBe(7);
    }

    internal static async Task<TaskSequence> StoredAsync(ServerFactory server, string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var entity = await store.TaskSequences.AsNoTracking().SingleAsync(s => s.Id == id);
        var row = await store.TaskSequenceVersions.AsNoTracking().SingleAsync(v => v.SequenceId == id && v.Version == entity.LatestVersion);
        return NativeFormat.Deserialize(row.Content, id);
    }

    internal static async Task<StoreSnapshot> SnapshotAsync(ServerFactory server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var library = Path.Combine(server.DataDirectory, "content");
        return new StoreSnapshot(
            string.Join(";", (await store.TaskSequences.AsNoTracking().ToListAsync()).OrderBy(s => s.Id).Select(s => $"{s.Id}@{s.LatestVersion}/{s.ConcurrencyVersion}")),
            string.Join(";", (await store.Packages.AsNoTracking().ToListAsync()).OrderBy(p => p.Id).Select(p => $"{p.Id}@{p.Version}/{p.ConcurrencyVersion}/{p.SourcePath}")),
            await store.PackageFiles.CountAsync(),
            await store.AuditEntries.CountAsync(),
            Directory.Exists(library) ? Directory.EnumerateFiles(library, "*", SearchOption.AllDirectories)
                .Count(f => !Path.GetRelativePath(library, f).StartsWith("tmp", StringComparison.Ordinal)) : 0);
    }
}
