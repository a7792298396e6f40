using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>A source site with every kind of dependency and secret, and the client side of export and import (zip + <c>_files</c> on disk).</summary>
internal static class ExchangeTestKit
{
    public const string JoinPassword = "J0in-Secret-7f3a91";
    public const string FolderPassword = "Sh4re-Secret-2b77c0";
    public const string RunAsPassword = "RunA5-Secret-90de11";
    public const string DynamicSecret = "Dyn4mic-Secret-5c0ffe";

    public static readonly string[] Secrets = [JoinPassword, FolderPassword, RunAsPassword, DynamicSecret];

    /// <summary>
    /// Parent (boot image; OS image, Join Domain, run-as command line with a package, dynamic variables with a secret,
    /// an application with a dependency, Run Task Sequence) → child (driver package, Connect To Network Folder).
    /// </summary>
    public static async Task<SourceSite> BuildAsync(HttpClient admin, string root)
    {
        var boot = await admin.CreatePackageAsync("Boot image x64", ContentTestKit.SourceFolder(root, ("sources/boot.wim", "boot image bytes")), PackageType.BootImage);
        var os = await admin.CreatePackageAsync("Ubuntu 24.04", ContentTestKit.SourceFolder(root, ("install.tar", "os image bytes"), ("meta/info.txt", "version 24.04")), PackageType.OsImage);
        var driver = await admin.CreatePackageAsync("Lab drivers", ContentTestKit.SourceFolder(root, ("nic/driver.inf", "driver")), PackageType.DriverPackage);
        var tools = await admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(root, ("tools.sh", "echo tools")), PackageType.Package,
            [new PackageProgram { Name = "Install", CommandLine = "sh tools.sh" }]);
        var runtime = await admin.CreatePackageAsync("Runtime", ContentTestKit.SourceFolder(root, ("runtime.bin", "runtime")), PackageType.Application);
        var app = await (await admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest
        {
            Name = "Editor", SourcePath = ContentTestKit.SourceFolder(root, ("editor.bin", "editor")), Type = PackageType.Application, Dependencies = [runtime.Id],
        }, Api.Json)).ReadAsync<PackageInfo>();

        var child = await SaveNewAsync(admin, "Drivers and share", s => s with
        {
            Nodes =
            [
                Step("Apply drivers", StepTypeIds.ApplyDriverPackage, ("DriverPackageID", driver.Id)),
                Step("Map share", StepTypeIds.ConnectToNetworkFolder, ("Path", @"\\lab\share"), ("DriveLetter", "Z:"), ("Username", @"LAB\svc"), ("Password", FolderPassword)),
            ],
        });
        var rules = $$"""[{"when":{"Model":"Virtual*"},"set":{"Role":"vm","JoinSecret":"{{DynamicSecret}}"},"secret":["JoinSecret"]}]""";
        var parent = await SaveNewAsync(admin, "Deploy lab", s => s with
        {
            Advanced = s.Advanced with { BootImageId = boot.Id },
            Nodes =
            [
                new GroupNode
                {
                    Name = "Install",
                    Children =
                    [
                        Step("Apply OS", StepTypeIds.ApplyOperatingSystemImage, ("ImagePackageID", os.Id)),
                        Step("Join", StepTypeIds.JoinDomainOrWorkgroup, ("DomainName", "lab.local"), ("DomainUsername", @"LAB\join"), ("DomainPassword", JoinPassword)),
                        Step("Tools", StepTypeIds.RunCommandLine, ("CommandLine", "sh tools.sh"), ("PackageID", tools.Id), ("RunAsUser", "true"), ("UserName", @"LAB\admin"),
                            ("UserPassword", RunAsPassword)),
                        Step("Rules", StepTypeIds.SetDynamicVariables, ("Rules", rules)),
                        Step("Editor", StepTypeIds.InstallApplication, ("ApplicationName", app.Id)),
                        Step("Child", StepTypeIds.RunTaskSequence, ("TsPackageID", child)),
                    ],
                },
            ],
        });
        return new SourceSite(parent, child, [boot.Id, os.Id, driver.Id, tools.Id, app.Id, runtime.Id], tools.Id, app.Id);
    }

    public static StepNode Step(string name, string type, params (string Key, string Value)[] settings) =>
        new() { Name = name, Type = type, Settings = settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase) };

    public static async Task<string> SaveNewAsync(HttpClient admin, string name, Func<TaskSequence, TaskSequence> edit)
    {
        var created = await admin.CreateAsync(name);
        (await admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        var saved = await admin.SaveAsync(edit(created.Sequence), created.ETag);
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        (await admin.DeleteAsync($"/api/v1/task-sequences/{created.Summary.Id}/lock")).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    public static async Task<byte[]> ExportAsync(this HttpClient admin, ExportRequest request)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/exports", request, Api.Json);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(System.Text.Encoding.UTF8.GetString(body));
        return body;
    }

    /// <summary>What <c>tsorch export</c> writes: <c>name.zip</c>, and <c>name_files/</c> from the tar of an export with content.</summary>
    public static async Task<string> SaveExportAsync(byte[] body, string folder, string name, bool withContent)
    {
        Directory.CreateDirectory(folder);
        var zip = Path.Combine(folder, name + ".zip");
        if (!withContent)
        {
            await File.WriteAllBytesAsync(zip, body);
            return zip;
        }

        await using var tar = new TarReader(new MemoryStream(body));
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            var target = entry.Name == "export.zip" ? zip : Path.Combine(folder, name + "_files", entry.Name["export_files/".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await entry.ExtractToFileAsync(target, overwrite: false);
        }

        return zip;
    }

    /// <summary>What <c>tsorch import</c> sends for a zip with its <c>_files</c> folder: one tar of both.</summary>
    public static async Task<byte[]> BundleAsync(string zip)
    {
        using var buffer = new MemoryStream();
        await using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            await tar.WriteEntryAsync(zip, "export.zip");
            var files = Path.Combine(Path.GetDirectoryName(zip)!, Path.GetFileNameWithoutExtension(zip) + "_files");
            foreach (var file in Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                await tar.WriteEntryAsync(file, "export_files/" + Path.GetRelativePath(files, file).Replace('\\', '/'));
            }
        }

        return buffer.ToArray();
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient admin, byte[] body, string? query = null) =>
        admin.PostAsync("/api/v1/imports" + (query is null ? "" : "?" + query), new ByteArrayContent(body));

    public static async Task<ImportPreview> PreviewAsync(this HttpClient admin, byte[] body, string? query = null) =>
        await (await admin.UploadAsync(body, query)).ReadAsync<ImportPreview>();

    public static Task<HttpResponseMessage> CommitAsync(this HttpClient admin, string importId, Dictionary<string, ImportAction>? actions = null) =>
        admin.PostAsJsonAsync($"/api/v1/imports/{importId}/commit", new CommitImportRequest { Actions = actions }, Api.Json);

    /// <summary>A copy of <paramref name="zip"/> with each entry passed through <paramref name="edit"/>, and <paramref name="add"/> appended.</summary>
    public static byte[] Rezip(byte[]? zip, Func<string, byte[], byte[]> edit, params (string Name, byte[] Bytes)[] add)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (zip is not null)
            {
                using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
                foreach (var entry in source.Entries)
                {
                    using var read = entry.Open();
                    using var copy = new MemoryStream();
                    read.CopyTo(copy);
                    Write(target, entry.FullName, edit(entry.FullName, copy.ToArray()));
                }
            }

            foreach (var (name, bytes) in add)
            {
                Write(target, name, bytes);
            }
        }

        return output.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(bytes);
    }

    public static byte[] Edit(byte[] json, params Action<JsonObject>[] edits)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var edit in edits)
        {
            edit(node);
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
