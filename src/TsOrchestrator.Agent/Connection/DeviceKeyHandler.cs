using System.Net.Http.Headers;

namespace TsOrchestrator.Agent.Connection;

/// <summary>Adds the device key to every call once the device is registered.</summary>
internal sealed class DeviceKeyHandler(DeviceKeyHolder key) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (key.Value is { } value)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
