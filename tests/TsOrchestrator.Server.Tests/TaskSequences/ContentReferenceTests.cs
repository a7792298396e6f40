using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.TaskSequences;

/// <summary>Issue 13: packages, images and applications a sequence names are looked up on the site before it is saved or deployed.</summary>
public sealed class ContentReferenceTests : IDisposable
{
    private const string ImageField = "nodes[0].settings.ImagePackageID";

    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public ContentReferenceTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private static StepNode ApplyOs(string imageId) => new()
    {
        Name = "Apply Operating System", Type = StepTypeIds.ApplyOperatingSystemImage, Settings = new Dictionary<string, string> { ["ImagePackageID"] = imageId },
    };

    private async Task<HttpResponseMessage> SaveNewAsync(params TaskSequenceNode[] nodes)
    {
        var created = await _admin.CreateAsync("Deploy " + Guid.NewGuid().ToString("N")[..6]);
        (await _admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        return await _admin.SaveAsync(created.Sequence with { Nodes = nodes }, created.ETag);
    }

    /// <summary>A sequence created from a file, as <c>tsorch ts import</c> does: it lands whatever it names.</summary>
    private async Task<string> CreateFromFileAsync(params TaskSequenceNode[] nodes)
    {
        var document = new TaskSequence { Id = "", Name = "From a file", Nodes = nodes };
        var created = await (await _admin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Sequence = document }, Api.Json)).ReadAsync<TaskSequenceDetails>();
        return created.Summary.Id;
    }

    private async Task<PackageInfo> PackageAsync(PackageType type) =>
        await _admin.CreatePackageAsync(type.ToString(), ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")), type);

    [Fact]
    public async Task Save_naming_an_image_the_site_lacks_is_refused_at_the_step_setting_in_the_console_words()
    {
        var problem = await (await SaveNewAsync(ApplyOs("PKG00042"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe([ImageField]);
        problem.GetProperty("errors").GetProperty(ImageField)[0].GetString().ShouldBe("Apply Operating System: the OS image 'PKG00042' does not exist on the site");
    }

    [Fact]
    public async Task Save_naming_a_package_where_an_os_image_belongs_is_refused_naming_both_kinds()
    {
        var package = await PackageAsync(PackageType.Package);

        var problem = await (await SaveNewAsync(ApplyOs(package.Id))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors").GetProperty(ImageField)[0].GetString().ShouldBe($"Apply Operating System: '{package.Id}' is a package, not an OS image");
    }

    [Fact]
    public async Task Save_naming_an_existing_image_or_a_variable_is_accepted()
    {
        var image = await PackageAsync(PackageType.OsImage);

        (await SaveNewAsync(ApplyOs(image.Id), ApplyOs("%OSDImage%"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sequence_from_a_file_lands_with_missing_content_and_an_edit_elsewhere_carries_it()
    {
        var id = await CreateFromFileAsync(ApplyOs("PKG00042"));
        var stored = await (await _admin.GetAsync($"/api/v1/task-sequences/{id}")).ReadAsync<TaskSequenceDetails>();
        (await _admin.LockAsync(id)).EnsureSuccessStatusCode();

        var renamed = await _admin.SaveAsync(stored.Sequence with { Description = "Content comes with the next import" }, stored.ETag);

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validate_reports_every_missing_reference_of_a_document_without_storing_it()
    {
        var document = new TaskSequence { Id = "TSCHECK01", Name = "Checked", Nodes = [ApplyOs("PKG00042")], Advanced = new AdvancedProperties { BootImageId = "PKGBOOT1" } };

        var problems = await (await _admin.PostAsync("/api/v1/task-sequences/validate",
            new StringContent(NativeFormat.Serialize(document), Encoding.UTF8, "application/json"))).ReadAsync<List<SequenceProblem>>();

        problems.Where(p => p.Severity == "Error").Select(p => (p.Path, p.Field, p.Message)).ShouldBe(
        [
            ("", "advanced.bootImageId", "Properties: the boot image 'PKGBOOT1' does not exist on the site"),
            ("0", "settings.ImagePackageID", "Apply Operating System: the OS image 'PKG00042' does not exist on the site"),
        ], ignoreOrder: true);
        (await _admin.GetAsync("/api/v1/task-sequences/TSCHECK01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deploying_a_sequence_whose_image_is_missing_is_refused_naming_the_step_and_reference()
    {
        var id = await CreateFromFileAsync(ApplyOs("PKG00042"));
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab" }, Api.Json)).ReadAsync<CollectionInfo>();

        var problem = await (await _admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = id, CollectionId = collection.Id }, Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe([ImageField]);
        problem.GetProperty("detail").GetString()!.ShouldContain("Apply Operating System: the OS image 'PKG00042' does not exist on the site");
        (await (await _admin.GetAsync("/api/v1/deployments")).ReadAsync<List<DeploymentInfo>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deploying_once_the_image_exists_is_accepted()
    {
        var image = await PackageAsync(PackageType.OsImage);
        var id = await CreateFromFileAsync(ApplyOs(image.Id));
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Lab" }, Api.Json)).ReadAsync<CollectionInfo>();

        var response = await _admin.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = id, CollectionId = collection.Id }, Api.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
