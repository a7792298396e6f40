using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>Packages: import into the single-instance content library, versions, and refusals.</summary>
public sealed class PackagesApiTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public PackagesApiTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Creating_a_package_stores_each_distinct_file_once_by_its_hash()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo install"), ("bin/a.txt", "same"), ("bin/b.txt", "same"));

        var package = await _admin.CreatePackageAsync("Tools", source, programs: [new PackageProgram { Name = "Install", CommandLine = "sh setup.sh" }]);

        package.Id.ShouldStartWith("PKG");
        package.Version.ShouldBe(1);
        package.FileCount.ShouldBe(3);
        package.Programs.Single().CommandLine.ShouldBe("sh setup.sh");
        var files = await (await _admin.GetAsync($"/api/v1/packages/{package.Id}/files")).ReadAsync<List<ContentFile>>();
        files.Select(f => f.Path).ShouldBe(["bin/a.txt", "bin/b.txt", "setup.sh"]);
        files[0].Hash.ShouldBe(ContentTestKit.HashOf("same"));
        files[2].Size.ShouldBe(12);

        var library = Path.Combine(_server.DataDirectory, "content");
        var stored = Directory.EnumerateFiles(library, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(library, "tmp"), StringComparison.Ordinal)).ToList();
        stored.Count.ShouldBe(2);
        File.ReadAllText(Path.Combine(library, files[0].Hash["blake3-".Length..][..2], files[0].Hash)).ShouldBe("same"); // content/<first two digits>/<name>
    }

    [Fact]
    public async Task Updating_content_bumps_the_version_only_when_the_files_changed()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("driver.inf", "v1"));
        var package = await _admin.CreatePackageAsync("Drivers", source, PackageType.DriverPackage);

        var unchanged = await (await _admin.PostAsync($"/api/v1/packages/{package.Id}/update-content", null)).ReadAsync<PackageInfo>();
        unchanged.Version.ShouldBe(1);

        File.WriteAllText(Path.Combine(source, "driver.inf"), "v2");
        var changed = await (await _admin.PostAsync($"/api/v1/packages/{package.Id}/update-content", null)).ReadAsync<PackageInfo>();
        changed.Version.ShouldBe(2);
        (await (await _admin.GetAsync($"/api/v1/packages/{package.Id}/files")).ReadAsync<List<ContentFile>>()).Single().Hash.ShouldBe(ContentTestKit.HashOf("v2"));
    }

    [Fact]
    public async Task Updating_a_package_needs_the_version_read_and_refuses_a_stale_one()
    {
        var package = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));
        var newSource = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "2"));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/packages/{package.Id}") { Content = JsonContent.Create(new UpdatePackageRequest { SourcePath = newSource }, options: Api.Json) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"41\"");
        (await (await _admin.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).ErrorFields().ShouldContain("If-Match");

        using var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/packages/{package.Id}") { Content = JsonContent.Create(new UpdatePackageRequest { SourcePath = newSource }, options: Api.Json) };
        fresh.Headers.TryAddWithoutValidation("If-Match", $"\"{package.ConcurrencyVersion}\"");
        var updated = await (await _admin.SendAsync(fresh)).ReadAsync<PackageInfo>();
        updated.Version.ShouldBe(2);
        updated.SourcePath.ShouldBe(newSource);
    }

    [Fact]
    public async Task A_missing_source_folder_is_refused_naming_sourcePath_and_nothing_is_created()
    {
        var missing = Path.Combine(_server.SourcesDirectory, "no-such-folder");

        var response = await _admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest { Name = "Ghost", SourcePath = missing }, Api.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["sourcePath"]);
        problem.GetProperty("detail").GetString()!.ShouldContain(missing);
        (await (await _admin.GetAsync("/api/v1/packages")).ReadAsync<List<PackageInfo>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Programs_belong_only_to_packages_of_type_Package()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest
        {
            Name = "Image", Type = PackageType.OsImage, SourcePath = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("image.tar", "x")),
            Programs = [new PackageProgram { Name = "Install", CommandLine = "x" }],
        }, Api.Json);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["programs"]);
    }

    [Fact]
    public async Task An_unknown_package_is_a_not_found_problem_naming_it()
    {
        var problem = await (await _admin.GetAsync("/api/v1/packages/PKG00000000")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("PKG00000000");
    }

    [Fact]
    public async Task A_package_a_task_sequence_references_cannot_be_deleted()
    {
        var package = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));
        var sequenceId = await _admin.CreateSequenceAsync(null, package.Id);

        var problem = await (await _admin.DeleteAsync($"/api/v1/packages/{package.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain(sequenceId);
        (await _admin.GetAsync($"/api/v1/packages/{package.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
