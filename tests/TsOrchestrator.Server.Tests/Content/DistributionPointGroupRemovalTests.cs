using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>Issue 16 item 5: a group's members and collections are removed one by one, or the group as a whole; its DPs stay.</summary>
public sealed class DistributionPointGroupRemovalTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DistributionPointGroupRemovalTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    private async Task<(DistributionPointGroupInfo Group, string PointId, string CollectionId)> GroupWithMemberAndCollectionAsync()
    {
        var point = await (await _admin.PostAsJsonAsync("/api/v1/distribution-points",
            new CreateDistributionPointRequest { Name = "Branch DP", Url = "http://127.0.0.1:9/", AccessKey = "branch-access-key-0123" }, Api.Json)).ReadAsync<DistributionPointInfo>();
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Branch" }, Api.Json)).ReadAsync<CollectionInfo>();
        var group = await (await _admin.PostAsJsonAsync("/api/v1/distribution-point-groups",
            new CreateDistributionPointGroupRequest { Name = "Branch DPs", DistributionPointIds = [point.Id] }, Api.Json)).ReadAsync<DistributionPointGroupInfo>();
        (await _admin.PutAsync(new Uri($"/api/v1/distribution-point-groups/{group.Id}/collections/{collection.Id}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return (group, point.Id, collection.Id);
    }

    [Fact]
    public async Task Removing_a_member_and_unassigning_a_collection_answer_the_group_without_them()
    {
        var (group, point, collection) = await GroupWithMemberAndCollectionAsync();

        var withoutMember = await (await _admin.DeleteAsync(new Uri($"/api/v1/distribution-point-groups/{group.Id}/members/{point}", UriKind.Relative)))
            .ReadAsync<DistributionPointGroupInfo>();
        var withoutCollection = await (await _admin.DeleteAsync(new Uri($"/api/v1/distribution-point-groups/{group.Id}/collections/{collection}", UriKind.Relative)))
            .ReadAsync<DistributionPointGroupInfo>();

        withoutMember.DistributionPointIds.ShouldBeEmpty();
        withoutMember.CollectionIds.ShouldBe([collection]);
        withoutCollection.CollectionIds.ShouldBeEmpty();
        var points = await (await _admin.GetAsync(new Uri("/api/v1/distribution-points", UriKind.Relative))).ReadAsync<List<DistributionPointInfo>>();
        points.Single(p => p.Id == point).GroupIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_a_group_forgets_its_memberships_and_associations_but_keeps_its_distribution_points()
    {
        var (group, point, _) = await GroupWithMemberAndCollectionAsync();

        (await _admin.DeleteAsync(new Uri($"/api/v1/distribution-point-groups/{group.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await (await _admin.GetAsync(new Uri("/api/v1/distribution-point-groups", UriKind.Relative))).ReadAsync<List<DistributionPointGroupInfo>>()).ShouldBeEmpty();
        var points = await (await _admin.GetAsync(new Uri("/api/v1/distribution-points", UriKind.Relative))).ReadAsync<List<DistributionPointInfo>>();
        points.Single(p => p.Id == point).GroupIds.ShouldBeEmpty();
        (await _admin.DeleteAsync(new Uri($"/api/v1/distribution-point-groups/{group.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
