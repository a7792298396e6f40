namespace TsOrchestrator.Server.Tests.Support;

/// <summary>
/// A server on the test PostgreSQL that tools/test.sh starts; without it, a test that asks for the server is
/// reported as skipped, never as passed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly ServerFactory? _server = ServerFactory.PostgresServer is { } connection ? new ServerFactory(connection) : null;

    public ServerFactory Server
    {
        get
        {
            Skip.If(_server is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
            return _server!;
        }
    }

    public void Dispose() => _server?.Dispose();
}
