using Microsoft.Extensions.Diagnostics.HealthChecks;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Health;

/// <summary>Healthy when the store answers a query.</summary>
internal sealed class StoreHealthCheck(StoreContext store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("store answers")
            : HealthCheckResult.Unhealthy("store does not answer");
}
