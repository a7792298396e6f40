using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>
/// The server binary in DP mode as its own process on a loopback port with its own data folder, as a branch DP runs.
/// (A second in-process host beside the site server's raced Kestrel's address set-up now and then.)
/// </summary>
public sealed class DistributionPointProcess(Uri siteServer) : IAsyncDisposable
{
    public const string AccessKey = "dp-access-key-0123456789";

    private readonly ServerProcess _server = new()
    {
        ExtraArguments = ["--Server:Role=DistributionPoint", $"--DistributionPoint:AccessKey={AccessKey}", $"--DistributionPoint:SiteServerUrl={siteServer}"],
    };

    public Task StartAsync() => _server.InitializeAsync();

    public Uri Address => new(_server.Url + "/");

    public string DataDirectory => _server.DataDirectory;

    public string ContentPath(string hash) => Path.Combine(DataDirectory, "content", ContentHash.DigestOf(hash)[..2].ToString(), hash);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
