using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>The scope isolation tests on the default store, a SQLite file.</summary>
public sealed class SqliteScopeIsolationTests : ScopeIsolationTests, IDisposable
{
    private readonly ServerFactory _server = new();

    protected override ServerFactory Server => _server;

    public void Dispose() => _server.Dispose();
}
