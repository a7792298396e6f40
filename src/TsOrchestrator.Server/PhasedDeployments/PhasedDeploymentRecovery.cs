using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>At start, schedules the evaluation of every phased deployment not yet completed (closes the gap between a commit and its trigger's).</summary>
public sealed class PhasedDeploymentRecovery(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var schedule = scope.ServiceProvider.GetRequiredService<PhasedDeploymentSchedule>();
        var open = await store.PhasedDeployments.AsNoTracking().Where(p => p.Status != PhasedDeploymentStatus.Completed).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var id in open)
        {
            await schedule.ScheduleAsync(id, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
