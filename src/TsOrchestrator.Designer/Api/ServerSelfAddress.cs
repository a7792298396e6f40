using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TsOrchestrator.Designer.Api;

/// <summary>
/// Where the hosting server listens, as a loopback URL the designer calls its admin API on: the console goes
/// through the same endpoints as every other client, so validation, scopes and audit stay in one place.
/// </summary>
public sealed class ServerSelfAddress(IServer server)
{
    private Uri? _address;

    public Uri Address => _address ??= Resolve();

    private Uri Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server has no listening address for the designer to call its admin API on");

        // A wildcard binding (0.0.0.0, [::], +, *) is not an address to call: the loopback interface is.
        var builder = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri;
    }
}
