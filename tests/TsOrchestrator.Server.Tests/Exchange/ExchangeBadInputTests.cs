using System.Formats.Tar;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>Every bad upload is refused with a problem naming what is wrong, and leaves neither an import folder nor a change behind.</summary>
public sealed class ExchangeBadInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-exchange-bad-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Upload_that_is_not_an_export_is_refused_and_nothing_is_written()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var before = await ExchangeRoundTripTests.SnapshotAsync(server);

        await RefusedAsync(server, admin, Zip(("readme.txt", "hello"u8.ToArray())), "file", "not an export");
        await RefusedAsync(server, admin, RandomNumberGenerator.GetBytes(4096), "file", "not an export");
        await RefusedAsync(server, admin, [], "file", "empty");
        await RefusedAsync(server, admin, "<html><body>not a task sequence</body></html>"u8.ToArray(), "file", "no <sequence>");
        (await ExchangeRoundTripTests.SnapshotAsync(server)).ShouldBe(before);
    }

    [Fact]
    public async Task Manifest_of_an_unknown_format_version_is_refused()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Versioned", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });
        var future = ExchangeTestKit.Rezip(export, (name, bytes) => name == "manifest.json" ? ExchangeTestKit.Edit(bytes, m => m["formatVersion"] = 99) : bytes);

        await RefusedAsync(server, admin, future, "file", "format version 99 is not supported");
    }

    [Fact]
    public async Task Export_with_content_uploaded_without_its_files_folder_is_refused()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var zip = await ExchangeTestKit.SaveExportAsync(
            await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true }), Path.Combine(_root, "out"), "lab", withContent: true);

        await RefusedAsync(server, admin, await File.ReadAllBytesAsync(zip), "contentPath", "_files folder did not come with it");

        // Named on the server instead, the same folder is accepted.
        var preview = await admin.PreviewAsync(await File.ReadAllBytesAsync(zip), "contentPath=" + Uri.EscapeDataString(Path.Combine(_root, "out", "lab_files")));
        preview.IncludesContent.ShouldBeTrue();
    }

    [Fact]
    public async Task Manifest_naming_an_object_twice_is_refused()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Once", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });
        var twice = ExchangeTestKit.Rezip(export, (name, bytes) => name == "manifest.json" ? ExchangeTestKit.Edit(bytes, m => m["objects"]!.AsArray().Add(m["objects"]![0]!.DeepClone())) : bytes);

        await RefusedAsync(server, admin, twice, "file", $"names '{id}' twice");
    }

    [Fact]
    public async Task Tampered_object_is_refused_by_its_hash()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Genuine", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });
        var tampered = ExchangeTestKit.Rezip(export, (name, bytes) => name.EndsWith(".tsq.json", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Genuine", "Tampered", StringComparison.Ordinal))
            : bytes);

        await RefusedAsync(server, admin, tampered, "file", "the export was changed after it was written");
    }

    [Fact]
    public async Task Tampered_content_file_is_refused_and_nothing_is_written()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var zip = await ExchangeTestKit.SaveExportAsync(
            await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true }), Path.Combine(_root, "out"), "lab", withContent: true);
        var file = Directory.EnumerateFiles(Path.Combine(_root, "out", "lab_files"), "tools.sh", SearchOption.AllDirectories).Single();

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var before = await ExchangeRoundTripTests.SnapshotAsync(target);

        // The same size but other bytes: found when the content is hashed on commit, before anything is kept.
        await File.WriteAllTextAsync(file, "echo TOOLS");
        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(zip));
        var refused = await (await targetAdmin.CommitAsync(preview.Id)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        refused.ErrorFields().ShouldBe(["files"]);
        refused.GetProperty("detail").GetString()!.ShouldContain("tools.sh hashes to");
        (await ExchangeRoundTripTests.SnapshotAsync(target)).ShouldBe(before);
        Directory.EnumerateFiles(Path.Combine(target.DataDirectory, "content", "tmp")).ShouldBeEmpty();

        // Another size: refused by the preview already.
        await File.WriteAllTextAsync(file, "echo tools, changed");
        var resized = await (await targetAdmin.UploadAsync(await ExchangeTestKit.BundleAsync(zip))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        resized.GetProperty("detail").GetString()!.ShouldContain("the manifest says");
    }

    [Fact]
    public async Task Zip_bomb_is_refused_by_what_it_expands_to_and_entry_count_is_bounded()
    {
        using var factory = new ServerFactory();
        using var server = factory.WithWebHostBuilder(b => b.UseSetting("Exchange:MaxExpandedBytes", "1048576").UseSetting("Exchange:MaxEntries", "20"));
        _ = server.Services;
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(Path.Combine(factory.DataDirectory, AdminKeyBootstrapper.KeyFileName)).Trim());
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Small", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });

        // 16 MB of zeros deflate to a few kilobytes; the manifest even carries its right hash.
        var zeros = new byte[16 << 20];
        var bomb = ExchangeTestKit.Rezip(export, (name, bytes) => name == "manifest.json"
            ? ExchangeTestKit.Edit(bytes, m => m["objects"]![0]!["entry"] = "task-sequences/bomb.tsq.json", m => m["objects"]![0]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(zeros)))
            : bytes, ("task-sequences/bomb.tsq.json", zeros));
        bomb.Length.ShouldBeLessThan(1 << 20);
        await RefusedAsync(factory, admin, bomb, "file", "zip bomb");

        var crowded = ExchangeTestKit.Rezip(export, (_, bytes) => bytes, [.. Enumerable.Range(0, 25).Select(i => ($"filler/{i}.txt", "x"u8.ToArray()))]);
        await RefusedAsync(factory, admin, crowded, "file", "more than the limit of 20");
    }

    [Fact]
    public async Task Entry_names_that_leave_the_folder_are_refused()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Traversal", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });

        await RefusedAsync(server, admin, ExchangeTestKit.Rezip(export, (_, b) => b, ("../../evil.txt", "x"u8.ToArray())), "file", "would leave its folder");
        await RefusedAsync(server, admin, ExchangeTestKit.Rezip(export, (_, b) => b, ("/etc/evil.txt", "x"u8.ToArray())), "file", "would leave its folder");

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "export.zip") { DataStream = new MemoryStream(export) });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "export_files/../../../evil.txt") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        await RefusedAsync(server, admin, tar.ToArray(), "file", "would leave its folder");
        File.Exists(Path.Combine(server.DataDirectory, "evil.txt")).ShouldBeFalse();
        File.Exists(Path.Combine(server.DataDirectory, "imports", "evil.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Action_that_does_not_fit_an_object_is_refused_naming_it()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Only here", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var preview = await targetAdmin.PreviewAsync(export);
        (await (await targetAdmin.CommitAsync(preview.Id, new() { [id] = ImportAction.Overwrite })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe([$"actions.{id}"]);
        (await (await targetAdmin.CommitAsync(preview.Id, new() { ["TSNOSUCH1"] = ImportAction.CreateNew })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["actions.TSNOSUCH1"]);
        (await (await targetAdmin.GetAsync("/api/v1/task-sequences")).ReadAsync<List<Contracts.TaskSequences.TaskSequenceSummary>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_needs_an_admin_role_and_export_needs_the_sequence_in_the_callers_scopes()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Scoped", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });

        using var analyst = server.ClientWithKey(await server.CreateKeyAsync("analyst", AdminRoles.ReadOnlyAnalyst));
        (await analyst.UploadAsync(export)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await analyst.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [id] }, Api.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var elsewhere = server.ClientWithKey(await server.CreateKeyAsync("branch", AdminRoles.OsdManager, "branch"));
        (await (await elsewhere.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [id] }, Api.Json)).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString()!.ShouldContain(id);
        (await (await admin.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [] }, Api.Json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["ids"]);

        // A scoped administrator's imports take its scopes, as its other new objects do.
        using var target = new ServerFactory();
        using var branch = target.ClientWithKey(await target.CreateKeyAsync("branch", AdminRoles.OsdManager, "branch"));
        var preview = await branch.PreviewAsync(export);
        await (await branch.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        (await (await branch.GetAsync($"/api/v1/task-sequences/{id}")).ReadAsync<Contracts.TaskSequences.TaskSequenceDetails>()).Summary.Scopes.ShouldBe(["branch"]);
    }

    private static async Task RefusedAsync(ServerFactory server, HttpClient admin, byte[] body, string field, string detail)
    {
        var problem = await (await admin.UploadAsync(body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe([field]);
        problem.GetProperty("detail").GetString()!.ShouldContain(detail, Case.Insensitive);
        var imports = Path.Combine(server.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.EnumerateFileSystemEntries(imports) : []).ShouldBeEmpty();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries) => ExchangeTestKit.Rezip(null, (_, b) => b, entries);
}
