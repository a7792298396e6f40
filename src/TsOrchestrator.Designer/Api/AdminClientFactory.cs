using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Designer.Api;

/// <summary>Admin API clients that carry a signed-in user's own API key, so the server applies that user's role and scopes.</summary>
public sealed class AdminClientFactory(IHttpClientFactory httpClients, ServerSelfAddress self)
{
    public const string HttpClientName = "TsOrchestrator.Designer.Admin";

    private static readonly RefitSettings Settings = new() { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) };

    public IAdminApi Create(string apiKey)
    {
        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = self.Address;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return RestService.For<IAdminApi>(client, Settings);
    }
}
