using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>The server binary in DP mode, on Kestrel on a loopback port, with its own data folder.</summary>
public sealed class DistributionPointFactory : WebApplicationFactory<Program>
{
    public const string AccessKey = "dp-access-key-0123456789";

    private readonly Uri _siteServer;

    public DistributionPointFactory(Uri siteServer)
    {
        _siteServer = siteServer;
        UseKestrel(0);
        StartServer();
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tsorch-tests", "dp-" + Guid.NewGuid().ToString("N"));

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public string ContentPath(string sha256) => Path.Combine(DataDirectory, "content", sha256[..2], sha256);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Server:Role", "DistributionPoint");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("DistributionPoint:AccessKey", AccessKey);
        builder.UseSetting("DistributionPoint:SiteServerUrl", _siteServer.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
