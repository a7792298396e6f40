using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>At start, schedules the timeout of every run still open, from the deadlines in the store.</summary>
public sealed class RunTimeoutRecovery(IServiceScopeFactory scopes) : IHostedService
{
    private static readonly string[] Open = [nameof(RunStatus.NotStarted), nameof(RunStatus.Running)];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var timeouts = scope.ServiceProvider.GetRequiredService<RunTimeouts>();
        var open = await store.Runs.AsNoTracking().Where(r => Open.Contains(r.Status) && r.Deadline != null)
            .Select(r => new { r.Id, r.Deadline }).ToListAsync(cancellationToken);
        foreach (var run in open)
        {
            await timeouts.ScheduleAsync(run.Id, run.Deadline!.Value, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
