using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace TsOrchestrator.Server.Health;

/// <summary>Healthy when the Quartz scheduler has started and is not shutting down.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        return await scheduler.GetStatus(cancellationToken).ConfigureAwait(false) == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("scheduler running")
            : HealthCheckResult.Unhealthy("scheduler not running");
    }
}
