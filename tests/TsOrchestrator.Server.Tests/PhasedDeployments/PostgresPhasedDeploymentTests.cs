using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>
/// Phased deployments on the PostgreSQL store (the PhasedDeployments migration there, and the clustered Quartz
/// store evaluating them). tools/test.sh starts PostgreSQL; without it this is reported as skipped.
/// </summary>
public sealed class PostgresPhasedDeploymentTests
{
    [SkippableFact]
    public async Task Phase_two_begins_by_itself_on_postgres()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var site = new RolloutSite(["--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={ServerFactory.PostgresServer};Database={ServerFactory.NewPostgresDatabaseName()}"]);
        await site.InitializeAsync();
        try
        {
            var sequenceId = await site.SequenceAsync("Phased on PostgreSQL");
            var (pilot, pilotDevices) = await site.CollectionAsync("pg-pilot", 1);
            var (broad, broadDevices) = await site.CollectionAsync("pg-broad", 1);
            var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
            {
                SequenceId = sequenceId,
                Phases = [new PhaseSettings { CollectionId = pilot, DeadlineDays = 0, SuccessPercent = 100, DeferralDays = 0 }, new PhaseSettings { CollectionId = broad, DeadlineDays = 0 }],
            });

            (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
            await site.WaitUntilAsync(created.Id, p => p.CurrentPhase == 2, "phase 2 begun");

            (await broadDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
            (await site.WaitUntilAsync(created.Id, p => p.Status == "Completed", "completed")).Phases.ShouldAllBe(p => p.SucceededPercent == 100);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }
}
