using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>The real server process with <c>HighRisk:DefaultCollectionSize=1</c>.</summary>
public sealed class ConfirmingSite : IAsyncLifetime
{
    public ServerProcess Server { get; } = new() { ExtraArguments = ["--HighRisk:DefaultCollectionSize=1"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
