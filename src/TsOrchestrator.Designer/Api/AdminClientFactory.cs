using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Designer.Api;

/// <summary>Admin API clients that carry a signed-in user's own API key, so the server applies that user's role and scopes.</summary>
public sealed class AdminClientFactory(IHttpClientFactory httpClients, ServerSelfAddress self)
{
    public const string HttpClientName = "TsOrchestrator.Designer.Admin";

    /// <summary>The client for exports and imports, which last as long as their content takes to cross (no time-out).</summary>
    public const string TransferHttpClientName = "TsOrchestrator.Designer.Admin.Transfer";

    private static readonly RefitSettings Settings = new() { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) };

    public IAdminApi Create(string apiKey, bool transfer = false)
    {
        var client = httpClients.CreateClient(transfer ? TransferHttpClientName : HttpClientName);
        client.BaseAddress = self.Address;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return RestService.For<IAdminApi>(client, Settings);
    }
}
