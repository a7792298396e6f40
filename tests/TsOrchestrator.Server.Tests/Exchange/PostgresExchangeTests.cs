using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>Import on PostgreSQL (the scale-out store): one transaction there too; skipped without tools/test.sh's server.</summary>
public sealed class PostgresExchangeTests : IDisposable
{
    private readonly PostgresServer _postgres = new();
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-exchange-pg-").FullName;

    public void Dispose()
    {
        _postgres.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task Failure_in_the_middle_of_a_commit_leaves_a_postgres_store_unchanged()
    {
        var target = _postgres.Server;
        using var source = new ServerFactory();
        await ExchangeRoundTripTests.FailedCommitChangesNothingAsync(source, target, _root);
    }

    [SkippableFact]
    public async Task Xml_imports_through_the_preview_on_postgres()
    {
        using var admin = _postgres.Server.AdminClient();
        var preview = await admin.PreviewAsync(
            "<sequence version=\"3.00\"><step type=\"SMS_TaskSequence_RunCommandLineAction\" name=\"Hello\"><action>cmd /c echo hi</action></step></sequence>"u8.ToArray(),
            "fileName=hello.xml");
        var result = await (await admin.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        result.Objects.ShouldHaveSingleItem().Id.ShouldBe("HELLO");
    }
}
