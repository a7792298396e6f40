using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Collections;

/// <summary>Issue 16 item 5: a collection or device variable is removed, not only overwritten.</summary>
public sealed class VariableRemovalTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public VariableRemovalTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Removing_a_variable_deletes_it_and_removing_it_again_is_not_found_naming_it()
    {
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Variables" }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsJsonAsync($"/api/v1/collections/{collection.Id}/variables/OSDComputerName", new SetVariableRequest { Value = "LAB-01" }, Api.Json)).EnsureSuccessStatusCode();

        var removed = await _admin.DeleteAsync(new Uri($"/api/v1/collections/{collection.Id}/variables/OSDComputerName", UriKind.Relative));
        var again = await _admin.DeleteAsync(new Uri($"/api/v1/collections/{collection.Id}/variables/OSDComputerName", UriKind.Relative));

        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await _admin.GetAsync(new Uri($"/api/v1/collections/{collection.Id}/variables", UriKind.Relative))).ReadAsync<List<VariableInfo>>()).ShouldBeEmpty();
        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("OSDComputerName");
    }
}
