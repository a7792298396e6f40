using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>
/// Exports written before content was named by BLAKE3 (format 1: each file named by its SHA-256 under <c>sha256</c>)
/// still import: their content is checked as SHA-256 and kept under those names, which the library still verifies.
/// </summary>
public sealed class ExchangeFormatTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-exchange-format-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_format_1_export_imports_its_content_under_sha256_names_that_still_validate()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var zip = await ExchangeTestKit.SaveExportAsync(await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true }),
            Path.Combine(_root, "out"), "old", withContent: true);
        await File.WriteAllBytesAsync(zip, AsFormat1(await File.ReadAllBytesAsync(zip), Path.Combine(_root, "out", "old_files")));

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(zip));
        (await targetAdmin.CommitAsync(preview.Id)).EnsureSuccessStatusCode();

        var library = target.Services.GetRequiredService<ContentLibrary>();
        var imported = new List<ContentFile>();
        foreach (var id in site.PackageIds)
        {
            imported.AddRange(await (await targetAdmin.GetAsync($"/api/v1/packages/{id}/files")).ReadAsync<List<ContentFile>>());
        }

        imported.ShouldNotBeEmpty();
        foreach (var file in imported)
        {
            file.Hash.ShouldBe(ContentTestKit.Sha256Of(await File.ReadAllBytesAsync(library.PathOf(file.Hash))));
        }

        (await library.ValidateAsync(imported, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_format_1_export_whose_content_was_changed_is_refused_by_its_sha256()
    {
        using var source = new ServerFactory();
        using var admin = source.AdminClient();
        var site = await ExchangeTestKit.BuildAsync(admin, _root);
        var zip = await ExchangeTestKit.SaveExportAsync(await admin.ExportAsync(new ExportRequest { Ids = [site.ParentId], IncludeContent = true }),
            Path.Combine(_root, "out"), "old", withContent: true);
        var files = Path.Combine(_root, "out", "old_files");
        await File.WriteAllBytesAsync(zip, AsFormat1(await File.ReadAllBytesAsync(zip), files));
        var changed = Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var bytes = await File.ReadAllBytesAsync(changed);
        bytes[0] ^= 0xff; // same size, other bytes: only the hash can tell
        await File.WriteAllBytesAsync(changed, bytes);

        using var target = new ServerFactory();
        using var targetAdmin = target.AdminClient();
        var preview = await targetAdmin.PreviewAsync(await ExchangeTestKit.BundleAsync(zip));
        var refused = await targetAdmin.CommitAsync(preview.Id);

        (await refused.ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("files");
        (await ExchangeRoundTripTests.SnapshotAsync(target)).LibraryFiles.ShouldBe(0);
    }

    /// <summary>The manifest as format 1 wrote it: version 1, and each content file named by its SHA-256 under <c>sha256</c>.</summary>
    private static byte[] AsFormat1(byte[] zip, string filesFolder) =>
        ExchangeTestKit.Rezip(zip, (name, bytes) => name != "manifest.json" ? bytes : ExchangeTestKit.Edit(bytes, manifest =>
        {
            manifest["formatVersion"] = 1;
            foreach (var exported in manifest["objects"]!.AsArray().OfType<JsonObject>())
            {
                foreach (var file in (exported["files"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    file.Remove("hash");
                    var path = Path.Combine(filesFolder, exported["id"]!.GetValue<string>(), file["path"]!.GetValue<string>());
                    file["sha256"] = ContentTestKit.Sha256Of(File.ReadAllBytes(path));
                }
            }
        }));
}
