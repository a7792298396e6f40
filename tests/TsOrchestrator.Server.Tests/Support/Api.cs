using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Server.Tests.Support;

/// <summary>Small helpers over the admin API, reading JSON as the server writes it.</summary>
internal static class Api
{
    public static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<TaskSequenceDetails> CreateAsync(this HttpClient client, string name = "Deploy Windows", string? template = null, string? folder = null) =>
        await (await client.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Name = name, Template = template, Folder = folder }, Json))
            .ReadAsync<TaskSequenceDetails>();

    public static Task<HttpResponseMessage> SaveAsync(this HttpClient client, TaskSequence sequence, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/task-sequences/{sequence.Id}")
        {
            Content = new StringContent(NativeFormat.Serialize(sequence), Encoding.UTF8, "application/json"),
        };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LockAsync(this HttpClient client, string id) =>
        client.PostAsync($"/api/v1/task-sequences/{id}/lock", null);
}
