using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;
using Xunit.Abstractions;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// Every route of <c>/openapi/v1.json</c> × every kind of caller, with the answer each should get derived from the
/// route (method, site administration, agent or admin, the object it names) rather than read from its policy, so a
/// route mapped with the wrong policy fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output) : IDisposable
{
    private const string OtherScope = "elsewhere";

    /// <summary>
    /// Routes anyone may call: enrollment (the token is the credential), an unknown computer's registration and network
    /// boot (a booting machine has no key; the site's unknown computer support decides) and the designer's sign-in;
    /// /healthz and the document are checked beside them.
    /// </summary>
    private static readonly HashSet<string> Anonymous =
    [
        "POST /agent/v1/register",
        "POST /agent/v1/register/unknown-computer",
        "POST /agent/v1/site-proof",
        "GET /boot/v1/ipxe",
        "GET /boot/v1/images/{packageId}/{version}/{file}",
        "POST /account/signin",
        "GET /account/signout",
    ];

    /// <summary>Site administration: Full Administrators only (security scopes, distribution points and their groups, the audit log, API keys).</summary>
    private static readonly HashSet<string> SiteAdministration =
    [
        "GET /api/v1/audit",
        "PUT /api/v1/task-sequences/{id}/scopes",
        "PUT /api/v1/devices/{id}/scopes",
        "PUT /api/v1/collections/{id}/scopes",
        "POST /api/v1/distribution-points",
        "DELETE /api/v1/distribution-points/{id}",
        "POST /api/v1/distribution-point-groups",
        "PUT /api/v1/distribution-point-groups/{id}/members/{distributionPointId}",
        "PUT /api/v1/distribution-point-groups/{id}/collections/{collectionId}",
        "DELETE /api/v1/distribution-point-groups/{id}",
        "DELETE /api/v1/distribution-point-groups/{id}/members/{distributionPointId}",
        "DELETE /api/v1/distribution-point-groups/{id}/collections/{collectionId}",
        "GET /api/v1/api-keys",
        "POST /api/v1/api-keys",
        "POST /api/v1/api-keys/{id}/rotate",
        "DELETE /api/v1/api-keys/{id}",
    ];

    /// <summary>POSTs that only read (an export, a prestaged content file, a document validated against the site), which a Read-only Analyst may make.</summary>
    private static readonly HashSet<string> ReadsByPost =
    [
        "POST /api/v1/exports",
        "POST /api/v1/packages/prestage",
        "POST /api/v1/task-sequences/validate",
    ];

    /// <summary>
    /// Bodies that are the caller's own document, checked in the caller's view of the site: ids in it that another scope
    /// holds are looked up as absent (not refused), and the answer must not show what the caller cannot see.
    /// </summary>
    private static readonly HashSet<string> DocumentsInCallersView =
    [
        "POST /api/v1/task-sequences/validate",
    ];

    /// <summary>Reads only an editing role makes: an import preview is the first half of an import.</summary>
    private static readonly HashSet<string> EditorsOnlyReads =
    [
        "GET /api/v1/imports/{id}",
    ];

    /// <summary>
    /// Findings other engineers of issue 14 fix in their branches (route, caller, issue item). The lead empties this
    /// list after merging them; an entry that no longer fails is printed as such.
    /// </summary>
    private static readonly KnownFailure[] KnownFailures = [];

    private readonly ServerFactory _server = new();
    private readonly string _sourceRoot = Path.Combine(Path.GetTempPath(), "tsorch-tests", "matrix-sources-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_sourceRoot))
        {
            Directory.Delete(_sourceRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Every_route_answers_every_kind_of_caller_as_its_role_and_scope_allow()
    {
        using var admin = _server.AdminClient();
        using var anonymous = _server.CreateClient();
        var document = await OpenApiRoutes.LoadAsync(anonymous);
        var site = await PopulatedSite.CreateAsync(_server, admin, _sourceRoot);
        // Every object must exist, or its id routes only reach the not-found check (a package source outside
        // Content:SourceRoots, say): fail rather than cover less without a word.
        site.NotCreated.ShouldBeEmpty();
        var sequence = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/v1/task-sequences/{site.Id("sequence")}", UriKind.Relative)))!["sequence"]!;
        var bodies = new HostileRequests(document, site, sequence, seed: 14);
        var callers = new Dictionary<string, string?>
        {
            ["no key"] = null,
            ["bad key"] = "tsk_not-a-key",
            ["device key"] = site.DeviceKey,
            ["another device's key"] = site.OtherDeviceKey,
            [AdminRoles.FullAdministrator] = _server.AdminKey,
            [AdminRoles.OsdManager] = await _server.CreateKeyAsync("osd", AdminRoles.OsdManager),
            [AdminRoles.ReadOnlyAnalyst] = await _server.CreateKeyAsync("analyst", AdminRoles.ReadOnlyAnalyst),
            [OtherScope] = await _server.CreateKeyAsync("other-scope", AdminRoles.FullAdministrator, scopes: OtherScope),
        };
        var clients = callers.ToDictionary(c => c.Key, c => c.Value is null ? _server.CreateClient() : _server.ClientWithKey(c.Value));

        // Agent routes first (an admin may block the device), deletes last; per route the allowed callers last.
        var routes = document.Routes.OrderBy(r => r.IsAgentRoute ? 0 : r.Method switch { "GET" => 1, "DELETE" => 3, _ => 2 }).ToList();
        var order = new[] { "no key", "bad key", "device key", "another device's key", OtherScope, AdminRoles.ReadOnlyAnalyst, AdminRoles.OsdManager, AdminRoles.FullAdministrator };
        var cells = await CrossScopeReferencesAsync(routes, clients[OtherScope], bodies, site);
        foreach (var route in routes)
        {
            foreach (var caller in order)
            {
                var body = bodies.Baseline(route);
                if (Expected(route, caller, site, body) is not { } expected)
                {
                    continue;
                }

                cells.Add(await SendAsync(clients[caller], route, route.Fill(p => Uri.EscapeDataString(site.ValueFor(route, p))), caller, expected, body, site));
            }
        }

        foreach (var path in new[] { "/healthz", "/healthz/live", "/healthz/ready", "/openapi/v1.json" })
        {
            var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            cells.Add(new MatrixCell($"GET {path}", "no key", Expectation.Allowed, (int)response.StatusCode, ""));
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Report(routes.Count, cells);
        cells.Where(c => !c.Met && !IsKnown(c)).Select(c => c.ToString()).ShouldBeEmpty();
    }

    /// <summary>What a caller should get on a route, or null when the pair says nothing (a device's key on its own API is the allowed case of agent routes).</summary>
    private static Expectation? Expected(ApiRoute route, string caller, PopulatedSite site, JsonNode? body)
    {
        if (Anonymous.Contains(route.Key))
        {
            return Expectation.Allowed;
        }

        if (caller is "no key" or "bad key")
        {
            return Expectation.Unauthenticated;
        }

        if (route.IsAgentRoute)
        {
            return caller switch
            {
                "device key" => Expectation.Allowed,
                // Another device may not see or drive this device's run.
                "another device's key" when route.PathParameters.Any(p => p.Name is "runId" or "storeId") => Expectation.NotFound,
                "another device's key" => Expectation.Allowed,
                // An admin key is no device key, whatever its role.
                _ => Expectation.Unauthenticated,
            };
        }

        if (caller is "device key" or "another device's key")
        {
            return caller == "device key" ? Expectation.Unauthenticated : null;
        }

        if (caller == OtherScope)
        {
            return NamesScopedObject(route, site) ? Expectation.NotFound
                : DocumentsInCallersView.Contains(route.Key) ? Expectation.AllowedWithoutLeak
                : body?.ToJsonString() is { } json && site.ScopedIds.Any(id => json.Contains(id, StringComparison.Ordinal)) ? Expectation.Refused
                : route.Method == "GET" ? Expectation.AllowedWithoutLeak
                : Expectation.Allowed;
        }

        var siteAdministration = SiteAdministration.Contains(route.Key);
        return caller switch
        {
            AdminRoles.FullAdministrator => Expectation.Allowed,
            AdminRoles.OsdManager => siteAdministration ? Expectation.Forbidden : Expectation.Allowed,
            AdminRoles.ReadOnlyAnalyst => siteAdministration || EditorsOnlyReads.Contains(route.Key) || route.IsWrite && !ReadsByPost.Contains(route.Key)
                ? Expectation.Forbidden : Expectation.Allowed,
            _ => null,
        };
    }

    /// <summary>True when a path parameter names an object of the default scope (folders, variables and windows are not scoped themselves).</summary>
    private static bool NamesScopedObject(ApiRoute route, PopulatedSite site) =>
        route.PathParameters.Any(p => site.ScopedIds.Contains(site.ValueFor(route, p)));

    /// <summary>
    /// A caller of another scope with a collection and a distribution point group of its own, naming objects of the
    /// default scope inside them (a device as a member, a group's DP or collection, a window): each must be not found.
    /// </summary>
    private static async Task<List<MatrixCell>> CrossScopeReferencesAsync(List<ApiRoute> routes, HttpClient other, HostileRequests bodies, PopulatedSite site)
    {
        var own = new Dictionary<string, string>();
        foreach (var (resource, path) in new[] { ("collections", "/api/v1/collections"), ("distribution-point-groups", "/api/v1/distribution-point-groups") })
        {
            var created = await other.PostAsJsonAsync(path, new JsonObject { ["name"] = "Own " + resource });
            own[resource] = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        }

        var cells = new List<MatrixCell>();
        foreach (var route in routes.Where(r => r.PathParameters.Count() > 1 && own.ContainsKey(r.Template.Split('/')[3])))
        {
            var references = route.PathParameters.Where(p => p.Name != "id").ToList();
            if (!references.Any(p => site.ScopedIds.Contains(site.ValueFor(route, p)) || p.Name == "windowId"))
            {
                continue;
            }

            var url = route.Fill(p => Uri.EscapeDataString(p.Name == "id" ? own[route.Template.Split('/')[3]] : site.ValueFor(route, p)));
            cells.Add(await SendAsync(other, route, url, OtherScope + ", in its own " + route.Template.Split('/')[3], Expectation.NotFound, bodies.Baseline(route), site));
        }

        return cells;
    }

    private static async Task<MatrixCell> SendAsync(HttpClient client, ApiRoute route, string url, string caller, Expectation expected, JsonNode? body, PopulatedSite site)
    {
        using var message = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            var form = route.BodyMediaType is "multipart/form-data" or "application/x-www-form-urlencoded";
            message.Content = new StringContent(form ? "key=tsk_not-a-key" : body is JsonValue raw && route.BodySchema is null ? raw.ToString() : body.ToJsonString(), Encoding.UTF8,
                form ? "application/x-www-form-urlencoded" : "application/json");
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, bound.Token);
        var text = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(bound.Token);
        var status = (int)response.StatusCode;
        if (expected == Expectation.AllowedWithoutLeak && site.ScopedIds.FirstOrDefault(id => text.Contains(id, StringComparison.Ordinal)) is { } leaked)
        {
            return new MatrixCell(route.Key, caller, expected, status, $"names {leaked}, an object outside the caller's scopes");
        }

        return new MatrixCell(route.Key, caller, expected, status, text.Length > 200 ? text[..200] : text);
    }

    private static bool IsKnown(MatrixCell cell) => KnownFailures.Any(k => k.Matches(cell.Route, cell.Caller));

    private void Report(int routes, List<MatrixCell> cells)
    {
        output.WriteLine($"{routes} routes × {cells.Select(c => c.Caller).Distinct().Count()} kinds of caller: {cells.Count} requests");
        output.WriteLine($"anonymous by design: {string.Join(", ", Anonymous)}, GET /healthz, GET /healthz/live, GET /healthz/ready, GET /openapi/v1.json");
        foreach (var group in cells.GroupBy(c => c.Expected).OrderBy(g => g.Key))
        {
            output.WriteLine($"  expected {group.Key}: {group.Count()} ({group.Count(c => c.Met)} met)");
        }

        foreach (var group in cells.GroupBy(c => c.Caller))
        {
            output.WriteLine($"  {group.Key}: {string.Join(", ", group.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        foreach (var known in cells.Where(c => !c.Met && IsKnown(c)))
        {
            output.WriteLine($"  KNOWN ({KnownFailures.First(k => k.Matches(known.Route, known.Caller)).IssueItem}): {known}");
        }

        foreach (var fixedAlready in KnownFailures.Where(k => !cells.Any(c => !c.Met && k.Matches(c.Route, c.Caller))))
        {
            output.WriteLine($"  known failure no longer seen, remove it: {fixedAlready}");
        }
    }
}
