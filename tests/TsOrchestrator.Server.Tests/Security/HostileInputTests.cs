using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>The findings of <see cref="RouteFuzzTests"/> fixed in place, each as the request that answered 500 or held the server.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("os")]
    [InlineData("osVersion")]
    [InlineData("architecture")]
    public async Task Check_in_with_a_null_fact_is_refused_naming_the_fact(string fact)
    {
        var device = await _server.Agent().RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = "lab-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64" },
        });
        using var agent = _server.ClientWithKey(device.DeviceKey);
        var facts = new JsonObject { ["hostname"] = "lab-01", ["os"] = "linux", ["osVersion"] = "6.1.0", ["architecture"] = "x64" };
        facts[fact] = null;

        var response = await agent.PostAsJsonAsync("/agent/v1/check-in", new JsonObject { ["facts"] = facts });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe([$"facts.{fact}"]);
    }

    [Fact]
    public async Task Distribute_naming_one_distribution_point_many_times_answers_at_once()
    {
        using var admin = _server.AdminClient();
        var sequence = await admin.CreateAsync();
        var request = new JsonObject { ["distributionPointIds"] = new JsonArray([.. Enumerable.Repeat<JsonNode?>("DP-SITE", 200_000).Select(n => n?.DeepClone())]) };
        var clock = Stopwatch.StartNew();

        var response = await admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequence.Summary.Id}/distribute", request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        // Before: one query per id, over 10 s here; now one per distinct id.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
    }
}
