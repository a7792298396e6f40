using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Testing;

/// <summary>
/// A distribution point (TsOrchestrator.DistributionPoint) as its own process on a loopback port with its own data
/// folder, as a branch DP runs, asking <paramref name="siteServerUrl"/> about device keys. (A second in-process host
/// beside the site server's raced Kestrel's address set-up now and then.)
/// </summary>
public sealed class DistributionPointProcess(string siteServerUrl, params IReadOnlyList<string> settings) : IAsyncDisposable
{
    public const string AccessKey = "dp-access-key-0123456789";

    private readonly ServerProcess _process = new()
    {
        Program = ServerProcess.DistributionPointProgram,
        ExtraArguments = [$"--DistributionPoint:AccessKey={AccessKey}", $"--DistributionPoint:SiteServerUrl={siteServerUrl}", .. settings],
    };

    public Task StartAsync() => _process.InitializeAsync();

    public string Url => _process.Url;

    public Uri Address => new(_process.Url + "/");

    public string DataDirectory => _process.DataDirectory;

    public string Log => _process.Log;

    public string ContentPath(string hash) => Path.Combine(DataDirectory, "content", ContentHash.DigestOf(hash)[..2].ToString(), hash);

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
