using System.Net.Http.Headers;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>One simulated device's key on calls that share the fleet's connection pool.</summary>
internal sealed class DeviceKeyInjector(HttpMessageHandler shared) : DelegatingHandler(shared)
{
    public string? Key { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
