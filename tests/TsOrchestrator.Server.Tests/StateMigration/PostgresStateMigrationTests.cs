using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.StateMigration;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StateMigration;

/// <summary>The state migration point's store records on PostgreSQL; skipped without the test server tools/test.sh starts.</summary>
public sealed class PostgresStateMigrationTests
{
    private static readonly byte[] State = [.. Enumerable.Range(0, 1_500_000).Select(i => (byte)(i * 13))];

    [SkippableFact]
    public async Task Store_lives_from_capture_through_restore_and_release_to_its_retention_on_postgres()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        using var server = new ServerFactory(ServerFactory.PostgresServer);
        using var app = server.WithWebHostBuilder(b => b.UseSetting("StateMigration:RetentionDays", "0"));
        var site = new StateMigrationSite(app, server.DataDirectory);
        var device = await site.RegisterAsync("pg-01");
        var store = await site.RequestAsync(device, "Capture");
        (await site.UploadAsync(device, store.Id, State)).EnsureSuccessStatusCode();

        (await site.RequestAsync(device, "Restore")).Id.ShouldBe(store.Id);
        (await (await site.DownloadAsync(device, store.Id)).Content.ReadAsByteArrayAsync()).ShouldBe(State);
        (await site.Agent(device.DeviceKey).ReleaseStateStoreAsync(store.Id)).Status.ShouldBe("Released");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<StateStoreService>().SweepAsync(CancellationToken.None)).ShouldBe(1);
        }

        await (await site.DownloadAsync(device, store.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
