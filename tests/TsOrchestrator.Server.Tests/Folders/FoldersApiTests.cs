using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Folders;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Folders;

public sealed class FoldersApiTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public FoldersApiTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private Task<HttpResponseMessage> CreateFolder(string name, string? parent = null) =>
        _admin.PostAsJsonAsync("/api/v1/folders", new CreateFolderRequest { Name = name, Parent = parent }, Api.Json);

    [Fact]
    public async Task Folders_nest_and_renaming_moves_subfolders_and_sequences_with_them()
    {
        (await CreateFolder("OSD")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CreateFolder("Windows", "OSD")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var sequence = await _admin.CreateAsync("Win11", folder: "OSD/Windows");

        (await _admin.PutAsJsonAsync("/api/v1/folders/OSD", new RenameFolderRequest { Name = "Deployment" }, Api.Json)).EnsureSuccessStatusCode();

        var folders = await (await _admin.GetAsync("/api/v1/folders")).ReadAsync<List<FolderInfo>>();
        folders.Select(f => f.Path).ShouldBe(["Deployment", "Deployment/Windows"]);
        var moved = await (await _admin.GetAsync($"/api/v1/task-sequences/{sequence.Summary.Id}")).ReadAsync<TaskSequenceDetails>();
        moved.Summary.Folder.ShouldBe("Deployment/Windows");
    }

    [Fact]
    public async Task Deleting_a_folder_that_is_not_empty_is_refused()
    {
        await CreateFolder("OSD");
        await _admin.CreateAsync("Win11", folder: "OSD");

        await (await _admin.DeleteAsync("/api/v1/folders/OSD")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Empty_folder_can_be_deleted()
    {
        await CreateFolder("Old");

        (await _admin.DeleteAsync("/api/v1/folders/Old")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public async Task Bad_folder_names_are_refused_naming_the_field(string name)
    {
        (await (await CreateFolder(name)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("name");
    }

    [Fact]
    public async Task Duplicate_folder_is_a_conflict()
    {
        await CreateFolder("OSD");

        await (await CreateFolder("OSD")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
