using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Health;

/// <summary>
/// Healthy when the store answers a read of the tables every request needs. Opening a connection is not enough: a
/// SQLite file with malformed pages opens fine while every list answers 500, so each table's first row is read (one
/// page or two each: cheap enough for every probe).
/// </summary>
internal sealed class StoreHealthCheck(StoreContext store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var table = "";
        try
        {
            foreach (var (name, read) in Reads())
            {
                table = name;
                await read(cancellationToken).ConfigureAwait(false);
            }

            return HealthCheckResult.Healthy("store answers");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"reading {table} failed: {e.Message}", e);
        }
    }

    private IEnumerable<(string Table, Func<CancellationToken, Task> Read)> Reads()
    {
        yield return ("ApiKeys", ct => store.ApiKeys.AsNoTracking().Select(k => k.Id).FirstOrDefaultAsync(ct));
        yield return ("TaskSequences", ct => store.TaskSequences.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(ct));
        yield return ("TaskSequenceVersions", ct => store.TaskSequenceVersions.AsNoTracking().Select(v => v.SizeBytes).FirstOrDefaultAsync(ct));
        yield return ("Devices", ct => store.Devices.AsNoTracking().Select(d => d.Id).FirstOrDefaultAsync(ct));
        yield return ("Collections", ct => store.Collections.AsNoTracking().Select(c => c.Id).FirstOrDefaultAsync(ct));
        yield return ("Deployments", ct => store.Deployments.AsNoTracking().Select(d => d.Id).FirstOrDefaultAsync(ct));
        yield return ("Runs", ct => store.Runs.AsNoTracking().Select(r => r.Id).FirstOrDefaultAsync(ct));
        yield return ("Packages", ct => store.Packages.AsNoTracking().Select(p => p.Id).FirstOrDefaultAsync(ct));
        yield return ("AuditEntries", ct => store.AuditEntries.AsNoTracking().Select(a => a.Id).FirstOrDefaultAsync(ct));
    }
}
