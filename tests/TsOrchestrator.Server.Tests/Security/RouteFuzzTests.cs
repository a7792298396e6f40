using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.Tests.Support;
using Xunit.Abstractions;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// The hunt of issue 14 kept: every route of <c>/openapi/v1.json</c>, as a Full Administrator against a site where
/// every object exists, with hostile input (see <see cref="HostileRequests"/>). No answer may be a 5xx, none may take
/// longer than <see cref="RequestBound"/>, and the server still answers <c>/healthz</c> afterwards.
/// </summary>
public sealed class RouteFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 14;
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Findings other engineers of issue 14 fix in their branches (route, case prefix, issue item). The lead empties
    /// this list after merging them; an entry that no longer fails is printed as such.
    /// </summary>
    private static readonly KnownFailure[] KnownFailures = [];

    private readonly ServerFactory _server = new();
    private readonly string _sourceRoot = Path.Combine(Path.GetTempPath(), "tsorch-tests", "fuzz-sources-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_sourceRoot))
        {
            Directory.Delete(_sourceRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Every_mapped_endpoint_is_in_the_openapi_document()
    {
        using var anonymous = _server.CreateClient();
        var document = await OpenApiRoutes.LoadAsync(anonymous);

        var undocumented = document.Undocumented(_server.Services.GetServices<EndpointDataSource>());

        output.WriteLine($"{document.Routes.Count} routes in the document; outside it by design: {string.Join(", ", OpenApiRoutes.OutsideTheDocument)} and the designer's pages");
        undocumented.ShouldBeEmpty("mapped but missing from /openapi/v1.json (the fuzz and authorization tests would not see them)");
    }

    [Fact]
    public async Task No_route_answers_hostile_input_with_a_server_error_or_a_hang()
    {
        using var admin = _server.AdminClient();
        using var anonymous = _server.CreateClient();
        var document = await OpenApiRoutes.LoadAsync(anonymous);
        var site = await PopulatedSite.CreateAsync(_server, admin, _sourceRoot);
        // Every object must exist, or its id routes only reach the not-found check (a package source outside
        // Content:SourceRoots, say): fail rather than cover less without a word.
        site.NotCreated.ShouldBeEmpty();
        using var device = _server.ClientWithKey(site.DeviceKey);
        var sequence = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/v1/task-sequences/{site.Id("sequence")}", UriKind.Relative)))!["sequence"]!;
        var hostile = new HostileRequests(document, site, sequence, Seed);
        var clock = Stopwatch.StartNew();

        // Agent routes first (a fuzzed admin write may block the device), deletes last (they take the objects away).
        var routes = document.Routes.OrderBy(r => r.IsAgentRoute ? 0 : r.Method switch { "GET" => 1, "DELETE" => 3, _ => 2 }).ToList();
        var results = new List<FuzzResult>();
        foreach (var route in routes)
        {
            foreach (var request in hostile.For(route))
            {
                results.Add(await SendAsync(route.IsAgentRoute ? device : admin, route, request));
            }
        }

        var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative));
        Report(routes.Count, results, clock.Elapsed);
        health.StatusCode.ShouldBe(HttpStatusCode.OK, "the server answers /healthz after the fuzz");
        results.Where(r => r.IsFailure && !IsKnown(r)).Select(r => r.ToString()).ShouldBeEmpty();
    }

    private static async Task<FuzzResult> SendAsync(HttpClient client, ApiRoute route, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.MediaType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.MediaType);
            }
        }

        if (request.IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);
        }

        using var bound = new CancellationTokenSource(RequestBound);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, bound.Token);
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(bound.Token);
            return new FuzzResult(route.Key, request.Case, (int)response.StatusCode, clock.Elapsed, body.Length > 300 ? body[..300] : body);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            return new FuzzResult(route.Key, request.Case, FuzzResult.Hang, clock.Elapsed, $"no answer within {RequestBound.TotalSeconds} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The server gave up on the response after it began (an exception while streaming): a server fault as much as a 500.
            return new FuzzResult(route.Key, request.Case, FuzzResult.Aborted, clock.Elapsed, e.GetBaseException().Message);
        }
    }

    /// <summary>"path", "query", "strings", "If-Match", "wrong type", "huge strings"…: a case without the parameter, field or value it tried.</summary>
    private static string Family(string testCase)
    {
        var head = testCase.Split(':')[0];
        return head.Contains('=', StringComparison.Ordinal) || head.StartsWith("strings ", StringComparison.Ordinal) || head.StartsWith("If-Match ", StringComparison.Ordinal)
            ? head.Split(' ')[0] : head;
    }

    private static bool IsKnown(FuzzResult result) => KnownFailures.Any(k => k.Matches(result.Route, result.Case));

    private void Report(int routes, List<FuzzResult> results, TimeSpan elapsed)
    {
        output.WriteLine($"seed {Seed}: {routes} routes, {results.Count} requests in {elapsed.TotalSeconds:F1} s");
        foreach (var group in results.GroupBy(r => r.StatusClass).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        foreach (var family in results.GroupBy(r => Family(r.Case)).OrderByDescending(g => g.Sum(r => r.Elapsed.Ticks)))
        {
            output.WriteLine($"  {family.Key}: {family.Count()} requests, {TimeSpan.FromTicks(family.Sum(r => r.Elapsed.Ticks)).TotalSeconds:F1} s");
        }

        foreach (var slow in results.OrderByDescending(r => r.Elapsed).Take(5))
        {
            output.WriteLine($"  slowest: {slow.Elapsed.TotalMilliseconds:F0} ms {slow.Route} [{slow.Case}] {slow.Status}");
        }

        foreach (var known in results.Where(r => r.IsFailure && IsKnown(r)))
        {
            output.WriteLine($"  KNOWN ({KnownFailures.First(k => k.Matches(known.Route, known.Case)).IssueItem}): {known}");
        }

        foreach (var fixedAlready in KnownFailures.Where(k => !results.Any(r => r.IsFailure && k.Matches(r.Route, r.Case))))
        {
            output.WriteLine($"  known failure no longer seen, remove it: {fixedAlready}");
        }
    }
}
