using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Issue 17: the server's metrics at its Prometheus scrape endpoint count what real agents did.</summary>
public sealed partial class ServerMetricsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Scrape_endpoint_counts_the_run_its_transitions_and_the_agent_calls_and_wants_a_key()
    {
        using var device = new DeviceUnderTest(server);
        var deploymentId = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "E2E00041", "name": "Counted", "nodes": [
              {"kind": "step", "name": "One", "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "Two", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        await device.RunUntilIdleAsync();
        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(source, "payload.bin"), new byte[4096]);
        var admin = Site.Admin(server);
        var package = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Counted content", SourcePath = source });

        // A DP nobody answers for: the copy fails as a transient fault and stays queued for its next attempt.
        var away = await admin.CreateDistributionPointAsync(new CreateDistributionPointRequest { Name = "Away", Url = ClosedPortUrl(), AccessKey = "unused-key-0123456789" });
        await admin.DistributePackageAsync(package.Id, new DistributeContentRequest { DistributionPointIds = [away.Id] });
        for (var tried = 0; !(await admin.GetPackageContentStatusAsync(package.Id))
                 .Any(s => s.DistributionPointId == away.Id && s.Status == DistributionStatus.Pending && s.Message is not null); tried++)
        {
            tried.ShouldBeLessThan(600, "the distribution to the DP that is away was never tried");
            await Task.Delay(100);
        }

        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Value(metrics, "tsorch_runs_started_total").ShouldBeGreaterThanOrEqualTo(1, metrics);
        Value(metrics, "tsorch_runs_finished_total", "status=\"Succeeded\"").ShouldBeGreaterThanOrEqualTo(1, metrics);
        Value(metrics, "tsorch_step_transitions_total").ShouldBeGreaterThanOrEqualTo(2, metrics);
        Value(metrics, "tsorch_agent_check_ins_total").ShouldBeGreaterThanOrEqualTo(2, metrics);
        Value(metrics, "tsorch_store_commit_duration_seconds_count").ShouldBeGreaterThanOrEqualTo(1, metrics);
        Value(metrics, "tsorch_content_distribution_queue").ShouldBeGreaterThanOrEqualTo(1, metrics);
        Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/agent/v1/check-in\"").ShouldBeGreaterThanOrEqualTo(2, metrics);
    }

    private static string ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>The sum over the series of a metric whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string metrics, string name, string label = "") =>
        Sample().Matches(metrics)
            .Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
