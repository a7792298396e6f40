using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Auditing;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Auditing;

/// <summary>Issue 13: the audit log read by object, by who made the change and by time, a page at a time.</summary>
public sealed class AuditFilterTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Audit_entries_filter_by_actor_and_time_and_page_back_with_before()
    {
        using var admin = _server.AdminClient();
        using var tool = _server.ClientWithKey(await _server.CreateKeyAsync("inventory-tool", AdminRoles.FullAdministrator));
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var name in new[] { "A", "B", "C" })
        {
            (await tool.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = $"Tool {name}" }, Api.Json)).EnsureSuccessStatusCode();
        }

        (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "By the admin" }, Api.Json)).EnsureSuccessStatusCode();

        var byTool = await Audit(admin, "actor=inventory-tool");
        byTool.Count.ShouldBe(3);
        byTool.ShouldAllBe(e => e.Actor == "inventory-tool" && e.Action == "create" && e.ObjectType == "Collection");

        var firstPage = await Audit(admin, "actor=inventory-tool&take=2");
        var older = await Audit(admin, $"actor=inventory-tool&take=2&before={firstPage[^1].Id}");
        firstPage.Concat(older).Select(e => e.Id).ShouldBe(byTool.Select(e => e.Id));

        (await Audit(admin, $"actor=inventory-tool&from={Uri.EscapeDataString(start.ToString("o"))}")).Count.ShouldBe(3);
        (await Audit(admin, $"actor=inventory-tool&to={Uri.EscapeDataString(start.ToString("o"))}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_time_range_that_ends_before_it_starts_is_refused_naming_its_end()
    {
        using var admin = _server.AdminClient();

        var problem = await (await admin.GetAsync("/api/v1/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("to")[0].GetString().ShouldBe("the end of the time range is before its start");
    }

    private static async Task<List<AuditEntry>> Audit(HttpClient admin, string query) =>
        await (await admin.GetAsync($"/api/v1/audit?{query}")).ReadAsync<List<AuditEntry>>();
}
