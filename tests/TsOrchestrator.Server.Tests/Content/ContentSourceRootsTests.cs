using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Exchange;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>
/// Issue 14: an OS Deployment Manager could make a package of the data folder, prestage it and read admin.key (a Full
/// Administrator's key). A server folder a client names is taken only under Content:SourceRoots, links resolved, and
/// never in the data folder.
/// </summary>
public sealed class ContentSourceRootsTests : IAsyncLifetime, IDisposable
{
    private readonly ServerFactory _server = new();
    private HttpClient _manager = null!;

    public async Task InitializeAsync() => _manager = _server.ClientWithKey(await _server.CreateKeyAsync("osd", AdminRoles.OsdManager));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _manager?.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Package_source_inside_the_data_folder_is_refused()
    {
        foreach (var folder in (string[])[_server.DataDirectory, Directory.CreateDirectory(Path.Combine(_server.DataDirectory, "keys")).FullName, Path.GetDirectoryName(_server.DataDirectory)!])
        {
            var problem = await RefusedAsync(folder);

            problem.GetProperty("detail").GetString()!.ShouldContain("data folder");
        }

        await NothingCreatedAsync();
    }

    [Fact]
    public async Task A_link_in_a_source_root_to_the_data_folder_is_refused()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo install"));
        Directory.CreateSymbolicLink(Path.Combine(source, "loot"), _server.DataDirectory);

        var problem = await RefusedAsync(source);

        problem.GetProperty("detail").GetString()!.ShouldContain("'loot'");
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task A_link_in_a_source_root_to_admin_key_is_refused()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo install"));
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        File.CreateSymbolicLink(Path.Combine(source, "bin", "key.txt"), Path.Combine(_server.DataDirectory, AdminKeyBootstrapper.KeyFileName));

        var problem = await RefusedAsync(source);

        problem.GetProperty("detail").GetString()!.ShouldContain("'bin/key.txt'");
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task A_source_folder_that_is_a_link_to_the_data_folder_is_refused()
    {
        Directory.CreateDirectory(_server.SourcesDirectory);
        var link = Path.Combine(_server.SourcesDirectory, "innocent");
        Directory.CreateSymbolicLink(link, _server.DataDirectory);

        var problem = await RefusedAsync(link);

        problem.GetProperty("detail").GetString()!.ShouldContain("data folder");
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task A_source_folder_outside_the_source_roots_is_refused()
    {
        var root = Path.Combine(_server.SourcesDirectory, "root");
        var elsewhere = Path.Combine(_server.SourcesDirectory, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "a.txt"), "a");
        var inside = ContentTestKit.SourceFolder(root, ("a.txt", "a"));
        Directory.CreateSymbolicLink(Path.Combine(root, "door"), elsewhere);
        using var server = new ServerFactory(sourceRoot: root);
        using var admin = server.AdminClient();

        foreach (var folder in (string[])[elsewhere, Path.Combine(root, "door")])
        {
            var problem = await (await admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest { Name = "Outside", SourcePath = folder }, Api.Json))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ErrorFields().ShouldBe(["sourcePath"]);
            problem.GetProperty("detail").GetString()!.ShouldContain("not under a source root");
        }

        (await admin.CreatePackageAsync("Inside", inside)).FileCount.ShouldBe(1);
    }

    [Fact]
    public async Task Without_source_roots_every_server_folder_is_refused_naming_the_setting()
    {
        using var server = new ServerFactory(sourceRoot: "");
        using var admin = server.AdminClient();
        var source = ContentTestKit.SourceFolder(server.SourcesDirectory, ("a.txt", "a"));

        var problem = await (await admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest { Name = "Any", SourcePath = source }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["sourcePath"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("Content:SourceRoots");
    }

    [Fact]
    public async Task A_link_to_a_folder_inside_the_source_roots_is_followed()
    {
        var shared = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("common.dll", "shared"));
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo install"));
        Directory.CreateSymbolicLink(Path.Combine(source, "lib"), shared);

        var package = await _manager.CreatePackageAsync("Linked", source);

        var files = await (await _manager.GetAsync($"/api/v1/packages/{package.Id}/files")).ReadAsync<List<ContentFile>>();
        files.Select(f => f.Path).ShouldBe(["lib/common.dll", "setup.sh"]);
    }

    [Fact]
    public async Task Update_content_refuses_a_source_that_gained_a_link_to_admin_key()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo install"));
        var package = await _manager.CreatePackageAsync("Tools", source);
        File.CreateSymbolicLink(Path.Combine(source, "admin.key"), Path.Combine(_server.DataDirectory, AdminKeyBootstrapper.KeyFileName));

        var problem = await (await _manager.PostAsync($"/api/v1/packages/{package.Id}/update-content", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["sourcePath"]);
        (await (await _manager.GetAsync($"/api/v1/packages/{package.Id}")).ReadAsync<PackageInfo>()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task An_import_naming_the_data_folder_as_contentPath_is_refused()
    {
        foreach (var folder in (string[])[_server.DataDirectory, "/"])
        {
            var response = await _manager.UploadAsync("PK\u0003\u0004 not read"u8.ToArray(), "contentPath=" + Uri.EscapeDataString(folder));

            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["contentPath"]);
        }

        var imports = Path.Combine(_server.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.EnumerateFileSystemEntries(imports) : []).ShouldBeEmpty();
    }

    private async Task<System.Text.Json.JsonElement> RefusedAsync(string folder)
    {
        var response = await _manager.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest { Name = "Loot", SourcePath = folder }, Api.Json);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["sourcePath"]);
        return problem;
    }

    private async Task NothingCreatedAsync() =>
        (await (await _manager.GetAsync("/api/v1/packages")).ReadAsync<List<PackageInfo>>()).ShouldBeEmpty();
}
