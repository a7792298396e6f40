using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>The scope isolation tests on PostgreSQL, where the scope filter is other SQL; skipped without the test server.</summary>
public sealed class PostgresScopeIsolationTests : ScopeIsolationTests, IDisposable
{
    private readonly PostgresServer _postgres = new();

    protected override ServerFactory Server => _postgres.Server;

    public void Dispose() => _postgres.Dispose();
}
