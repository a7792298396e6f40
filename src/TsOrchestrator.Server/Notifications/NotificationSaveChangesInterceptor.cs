using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// Sees every saved change that devices must hear of, whichever API, job or phase rollout made it: a deployment created,
/// changed or enabled; a task sequence enabled again; a package's distribution to a point succeeding. Queued only once
/// the save has committed, so that a device told to check in finds the change.
/// </summary>
internal sealed class NotificationSaveChangesInterceptor(DeviceNotificationQueue queue) : SaveChangesInterceptor
{
    // Per context: a pooled context is used by one request at a time, and saves of one context do not interleave.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<NotificationCause>> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        List<NotificationCause>? causes = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (Cause(entry) is { } cause)
            {
                (causes ??= []).Add(cause);
            }
        }

        if (causes is not null)
        {
            _saving.AddOrUpdate(context, causes);
        }
    }

    private void Release(DbContext? context)
    {
        // Inside an explicit transaction the change is not visible yet; no store code saves notifying entities in one.
        if (context is null || !_saving.TryGetValue(context, out var causes))
        {
            return;
        }

        _saving.Remove(context);
        foreach (var cause in causes.Distinct())
        {
            queue.Enqueue(cause);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
        }
    }

    private static NotificationCause? Cause(EntityEntry entry) => entry.Entity switch
    {
        DeploymentEntity { Enabled: true } deployment when entry.State == EntityState.Added || (entry.State == EntityState.Modified && ChangedBeyondVersion(entry)) =>
            new NotificationCause(AgentNotificationReasons.DeploymentChanged, deployment.Id),
        TaskSequenceEntity { Enabled: true } sequence when entry.State == EntityState.Modified && entry.Property(nameof(TaskSequenceEntity.Enabled)).OriginalValue is false =>
            new NotificationCause(AgentNotificationReasons.SequenceEnabled, sequence.Id),
        PackageDistributionEntity { Status: DistributionStatus.Success } distribution when entry.State == EntityState.Added ||
            (entry.State == EntityState.Modified && entry.Property(nameof(PackageDistributionEntity.Status)).OriginalValue is not DistributionStatus.Success) =>
            new NotificationCause(AgentNotificationReasons.ContentAvailable, distribution.PackageId),
        MaintenanceWindowEntity window when entry.State == EntityState.Added => new NotificationCause(NotificationCause.WindowAdded, window.Id),
        _ => null,
    };

    // A version bump alone (a concurrency check touching the row) changes nothing a device would see.
    private static bool ChangedBeyondVersion(EntityEntry entry) =>
        entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(DeploymentEntity.ConcurrencyVersion));
}
