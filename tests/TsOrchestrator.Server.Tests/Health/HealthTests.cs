using System.Net;
using System.Text.Json;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Health;

/// <summary>Issue 14: /healthz said Healthy while every list answered 500 "database disk image is malformed".</summary>
public sealed class HealthTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _anonymous;

    public HealthTests()
    {
        _anonymous = _server.CreateClient();
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_with_each_check_named()
    {
        var ready = await HealthAsync("/healthz/ready", HttpStatusCode.OK);
        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order().ShouldBe(["scheduler", "store"]);

        (await HealthAsync("/healthz", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Healthy");
        (await HealthAsync("/healthz/live", HttpStatusCode.OK)).GetProperty("checks").EnumerateObject().ShouldBeEmpty();
    }

    private async Task<JsonElement> HealthAsync(string path, HttpStatusCode status)
    {
        var response = await _anonymous.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
