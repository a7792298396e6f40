using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>The real server process with <c>Content:DistributionAttempts=1</c>: a DP that does not answer fails at once, not after minutes of retries.</summary>
public sealed class SingleAttemptSite : IAsyncLifetime
{
    public ServerProcess Server { get; } = new() { ExtraArguments = ["--Content:DistributionAttempts=1"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
