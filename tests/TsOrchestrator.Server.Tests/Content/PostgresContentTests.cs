using System.Net.Http.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>Packages and the distribution queue on PostgreSQL (the scale-out store); skipped without tools/test.sh's server.</summary>
public sealed class PostgresContentTests : IDisposable
{
    private readonly PostgresServer _postgres = new();

    public void Dispose() => _postgres.Dispose();

    private ServerFactory Server => _postgres.Server;

    [SkippableFact]
    public async Task Distributing_and_redistributing_a_sequences_content_works_on_postgres()
    {
        using var admin = Server.AdminClient();
        var source = ContentTestKit.SourceFolder(Server.SourcesDirectory, ("a", "1"), ("b", "2"));
        var tools = await admin.CreatePackageAsync("Tools", source);
        var boot = await admin.CreatePackageAsync("Boot", ContentTestKit.SourceFolder(Server.SourcesDirectory, ("boot.wim", "3")), PackageType.BootImage);
        var sequenceId = await admin.CreateSequenceAsync(boot.Id, tools.Id);

        (await admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json)).EnsureSuccessStatusCode();
        (await admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 2)).ShouldAllBe(s => s.Status == DistributionStatus.Success);

        File.WriteAllText(Path.Combine(source, "a"), "changed");
        (await admin.PostAsync($"/api/v1/packages/{tools.Id}/update-content", null)).EnsureSuccessStatusCode();
        var status = await admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 2);

        status.Single(s => s.PackageId == tools.Id).Version.ShouldBe(2);
        status.ShouldAllBe(s => s.Status == DistributionStatus.Success && s.DistributionPointId == SiteServerDistributionPoint.Id);
        var (agent, _, _) = await Server.RegisterDeviceAsync();
        (await agent.GetContentLocationAsync(tools.Id)).DistributionPoints.Single().DistributionPointId.ShouldBe(SiteServerDistributionPoint.Id);
    }
}
