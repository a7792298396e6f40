using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// Turns saved changes into "check in now" for the devices they reach: the deployments concerned, their collections'
/// members now (resolved once per change), told through the <see cref="IDeviceNotificationHub"/>.
/// </summary>
internal sealed partial class DeviceNotificationDispatcher(
    DeviceNotificationQueue queue, IDeviceNotificationHub hub, IServiceScopeFactory scopes, SequenceVersionCache sequences, ILogger<DeviceNotificationDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await DispatchUntilStoppedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, also when the host stops because it failed to start (a busy port): the host would otherwise
            // report this as a failed background service, with a stack trace under the operator's one-line message.
        }
    }

    private async Task DispatchUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var batch = new List<NotificationCause>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            // Changes saved together (a phase rollout, a distribution of many points) are resolved together.
            batch.Clear();
            while (queue.Reader.TryRead(out var cause))
            {
                batch.Add(cause);
            }

            try
            {
                await DispatchAsync(batch.Distinct().ToList(), stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException or Quartz.SchedulerException)
            {
                // A notification only hastens what the devices' interval check-in does anyway: log it and go on.
                LogNotFound(logger, ex, batch.Count);
            }
        }
    }

    internal async Task DispatchAsync(IReadOnlyList<NotificationCause> causes, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        await PlanOpeningsAsync(scope.ServiceProvider, causes, cancellationToken);
        var deployments = store.Deployments.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => d.Enabled);
        foreach (var reason in causes.Select(c => c.Reason).Where(r => r != NotificationCause.WindowAdded).Distinct())
        {
            var ids = causes.Where(c => c.Reason == reason).Select(c => c.Id).ToList();
            var reached = reason switch
            {
                AgentNotificationReasons.DeploymentChanged => await deployments.Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken),
                AgentNotificationReasons.SequenceEnabled => await deployments.Where(d => ids.Contains(d.SequenceId)).ToListAsync(cancellationToken),
                _ => await NeedingAsync(store, deployments, ids, cancellationToken),
            };
            var devices = await MembersAsync(store, reached.Select(d => d.CollectionId).Distinct().ToList(), cancellationToken);
            if (devices.Count > 0)
            {
                hub.Notify(devices, reason);
                LogNotified(logger, reason, ids.Count, devices.Count);
            }
        }
    }

    /// <summary>
    /// A deployment saved with a time still to come (available, due) or a maintenance window added gets its openings of
    /// the coming period planned now: the repeating plan may have looked at that period already.
    /// </summary>
    private static async Task PlanOpeningsAsync(IServiceProvider services, IReadOnlyList<NotificationCause> causes, CancellationToken cancellationToken)
    {
        var deploymentIds = causes.Where(c => c.Reason == AgentNotificationReasons.DeploymentChanged).Select(c => c.Id).ToList();
        var windowIds = causes.Where(c => c.Reason == NotificationCause.WindowAdded).Select(c => c.Id).ToList();
        if (deploymentIds.Count == 0 && windowIds.Count == 0)
        {
            return;
        }

        var schedule = services.GetRequiredService<Openings.OpeningSchedule>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var openings = await services.GetRequiredService<Openings.OpeningPlanner>().InAsync(now, now + schedule.Horizon, deploymentIds, windowIds, cancellationToken);
        await schedule.ScheduleAsync(openings, cancellationToken);
    }

    /// <summary>The enabled deployments whose task sequence names one of the packages.</summary>
    private async Task<List<DeploymentEntity>> NeedingAsync(StoreContext store, IQueryable<DeploymentEntity> deployments, List<string> packageIds, CancellationToken cancellationToken)
    {
        var all = await deployments.ToListAsync(cancellationToken);
        var sequenceIds = all.Select(d => d.SequenceId).Distinct().ToList();
        var needing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(s => sequenceIds.Contains(s.Id)).ToListAsync(cancellationToken))
        {
            var packages = PackageReferences.Of(await sequences.LatestAsync(store, entity, cancellationToken));
            if (packageIds.Any(packages.ContainsKey))
            {
                needing.Add(entity.Id);
            }
        }

        return [.. all.Where(d => needing.Contains(d.SequenceId))];
    }

    private static async Task<HashSet<string>> MembersAsync(StoreContext store, List<string> collectionIds, CancellationToken cancellationToken)
    {
        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var collection in await store.Collections.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(c => collectionIds.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            devices.UnionWith((await CollectionMembership.MembersAsync(store, collection, cancellationToken)).Select(d => d.Id));
        }

        return devices;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Told {DeviceCount} devices to check in now: {Reason} ({ChangeCount} changes)")]
    private static partial void LogNotified(ILogger logger, string reason, int changeCount, int deviceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CauseCount} changes could not be turned into device notifications; the devices find them at their next check-in")]
    private static partial void LogNotFound(ILogger logger, Exception exception, int causeCount);
}
