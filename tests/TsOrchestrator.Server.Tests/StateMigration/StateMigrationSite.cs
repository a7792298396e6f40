using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StateMigration;

/// <summary>Devices of one test server as the state migration point sees them: each with its key, a run and a work item to name.</summary>
internal sealed class StateMigrationSite(WebApplicationFactory<Program> server, string dataDirectory)
{
    public string AdminKey => File.ReadAllText(Path.Combine(dataDirectory, AdminKeyBootstrapper.KeyFileName)).Trim();

    public HttpClient Client(string key)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public IAgentApi Agent(string? key = null)
    {
        var client = server.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Refit.RestService.For<IAgentApi>(client, new Refit.RefitSettings { ContentSerializer = new Refit.SystemTextJsonContentSerializer(Api.Json) });
    }

    public async Task<RegisterDeviceResponse> RegisterAsync(string hostname) =>
        await Agent().RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = hostname, Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 },
        });

    public Task<StateStoreInfo> RequestAsync(RegisterDeviceResponse device, string purpose, string workItem = "w1") =>
        Agent(device.DeviceKey).RequestStateStoreAsync(new StateStoreRequest { Purpose = purpose, RunId = "run-" + device.DeviceId, WorkItemId = workItem });

    public async Task<HttpResponseMessage> UploadAsync(RegisterDeviceResponse device, string storeId, byte[] state)
    {
        using var client = Client(device.DeviceKey);
        using var content = new ByteArrayContent(state);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PutAsync(new Uri($"/agent/v1/state-stores/{storeId}/state", UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> DownloadAsync(RegisterDeviceResponse device, string storeId)
    {
        using var client = Client(device.DeviceKey);
        return await client.GetAsync(new Uri($"/agent/v1/state-stores/{storeId}/state", UriKind.Relative));
    }
}
