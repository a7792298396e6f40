using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>Two server processes on one PostgreSQL serve one site: what one node stores, the other answers with.</summary>
public sealed class TwoNodeSiteTests(TwoNodeSite site) : IClassFixture<TwoNodeSite>
{
    [SkippableFact]
    public async Task A_collection_created_through_one_node_is_listed_by_the_other()
    {
        Skip.IfNot(TwoNodeSite.Available, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");

        var created = await SiteAdmin.For(site.Node1).CreateCollectionAsync(new CreateCollectionRequest { Name = "Both nodes" });

        (await SiteAdmin.For(site.Node2).ListCollectionsAsync()).ShouldContain(c => c.Id == created.Id && c.Name == "Both nodes");
    }
}
