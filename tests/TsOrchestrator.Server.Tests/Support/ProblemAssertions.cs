using System.Net;
using System.Text.Json;

namespace TsOrchestrator.Server.Tests.Support;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with this status; returns its JSON.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        return json;
    }

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name) : [];
}
