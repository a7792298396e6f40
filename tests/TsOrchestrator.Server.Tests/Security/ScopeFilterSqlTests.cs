using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;
using Xunit.Abstractions;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// The scope filter runs in SQL on both stores, and a unit of work without an admin caller (agent calls, background
/// jobs) gets SQL without it.
/// </summary>
public sealed class ScopeFilterSqlTests(ITestOutputHelper output) : IDisposable
{
    private readonly ServerFactory _sqlite = new();
    private readonly PostgresServer _postgres = new();

    public void Dispose()
    {
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public Task Sqlite_runs_the_scope_filter_in_sql_and_leaves_it_out_without_a_caller() => FiltersInSqlAsync(_sqlite);

    [SkippableFact]
    public Task Postgres_runs_the_scope_filter_in_sql_and_leaves_it_out_without_a_caller() => FiltersInSqlAsync(_postgres.Server);

    private async Task FiltersInSqlAsync(ServerFactory server)
    {
        await using (var arrange = server.Services.CreateAsyncScope())
        {
            var store = arrange.ServiceProvider.GetRequiredService<StoreContext>();
            store.Devices.AddRange(
                Device("DEVBRANCH", "Branch"), Device("DEVLAB", "lab"), Device("DEVBOTH", "branch,lab"), Device("DEVPREFIX", "branch-office"));
            await store.SaveChangesAsync();
        }

        await using var scope = server.Services.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var unfiltered = scoped.Devices.Where(d => d.Id.StartsWith("DEV")).ToQueryString();
        scope.ServiceProvider.GetRequiredService<RequestCaller>().Set(new Caller("k", "k", AdminRoles.OsdManager, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BRANCH" }));
        var filtered = scoped.Devices.Where(d => d.Id.StartsWith("DEV")).ToQueryString();
        output.WriteLine(unfiltered);
        output.WriteLine(filtered);

        unfiltered.ShouldNotContain("VisibleScopes");
        unfiltered.ShouldNotContain("EXISTS");
        filtered.ShouldContain("EXISTS");
        filtered.ShouldContain("lower(");
        (await scoped.Devices.Where(d => d.Id.StartsWith("DEV")).Select(d => d.Id).OrderBy(d => d).ToListAsync()).ShouldBe(["DEVBOTH", "DEVBRANCH"]);
    }

    private static DeviceEntity Device(string id, string scopes) =>
        new() { Id = id, Name = id.ToLowerInvariant(), KeyHash = id, Scopes = scopes };
}
