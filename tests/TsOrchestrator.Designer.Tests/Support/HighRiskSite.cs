using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>
/// A second server whose site asks confirmation for a required high-impact deployment to more than one device, so
/// a collection of two registered devices is "large", and refuses one to more than two; the shared server keeps the
/// default settings other tests rely on.
/// </summary>
public sealed class HighRiskSite : IAsyncLifetime
{
    public const int MaximumCollectionSize = 2;

    public ServerProcess Server { get; } = new() { ExtraArguments = ["--HighRisk:DefaultCollectionSize=1", $"--HighRisk:MaximumCollectionSize={MaximumCollectionSize}"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();

    /// <summary>Creates a task sequence through the admin API; returns its id.</summary>
    public async Task<string> CreateSequenceAsync(TaskSequence sequence)
    {
        using var api = Server.Api();
        var body = $"{{\"sequence\":{NativeFormat.Serialize(sequence)}}}";
        using var response = await api.PostAsync(new Uri("/api/v1/task-sequences", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
    }

    /// <summary>A collection of <paramref name="devices"/> devices registered through the agent API; returns its id.</summary>
    public async Task<string> CreateCollectionOfDevicesAsync(string name, int devices)
    {
        using var api = Server.Api();
        using var created = await api.PostAsJsonAsync(new Uri("/api/v1/collections", UriKind.Relative), new { name });
        var text = await created.Content.ReadAsStringAsync();
        created.IsSuccessStatusCode.ShouldBeTrue(text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        for (var i = 1; i <= devices; i++)
        {
            using var device = await SimulatedDevice.RegisterAsync(Server, $"{name.Replace(' ', '-')}-{i}");
            using var member = await api.PutAsync(new Uri($"/api/v1/collections/{id}/members/{device.Id}", UriKind.Relative), null);
            member.IsSuccessStatusCode.ShouldBeTrue(await member.Content.ReadAsStringAsync());
        }

        return id;
    }

    public async Task<JsonElement> DeploymentsOfAsync(string sequenceId)
    {
        using var api = Server.Api();
        return await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/deployments?sequenceId={sequenceId}", UriKind.Relative));
    }
}
