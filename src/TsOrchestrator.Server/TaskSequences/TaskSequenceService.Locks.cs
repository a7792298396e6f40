using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>Serialized editing, as Configuration Manager does it: one editor at a time, others view.</summary>
public sealed partial class TaskSequenceService
{
    /// <summary>Takes the edit lock, or renews it when the caller already holds it.</summary>
    public async Task<EditLockInfo> AcquireLockAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(lockOptions.Value.DurationMinutes);
        var existing = await store.EditLocks.FirstOrDefaultAsync(l => l.SequenceId == entity.Id, cancellationToken);
        if (existing is not null && existing.ExpiresAt > now && existing.HolderId != caller.Id)
        {
            throw Locked(existing);
        }

        if (existing is null)
        {
            existing = new EditLockEntity { SequenceId = entity.Id, HolderId = caller.Id, HolderName = caller.Name, AcquiredAt = now, ExpiresAt = expires };
            store.EditLocks.Add(existing);
        }
        else
        {
            if (existing.HolderId != caller.Id || existing.ExpiresAt <= now)
            {
                existing.AcquiredAt = now;
            }

            existing.HolderId = caller.Id;
            existing.HolderName = caller.Name;
            existing.ExpiresAt = expires;
        }

        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two callers raced for a free lock and the other one won.
            store.ChangeTracker.Clear();
            var winner = await store.EditLocks.AsNoTracking().FirstAsync(l => l.SequenceId == entity.Id, cancellationToken);
            throw Locked(winner);
        }

        return Info(existing);
    }

    /// <summary>Releases the caller's lock; with <paramref name="force"/>, a Full Administrator releases anyone's.</summary>
    public async Task ReleaseLockAsync(string id, bool force, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var existing = await store.EditLocks.FirstOrDefaultAsync(l => l.SequenceId == entity.Id, cancellationToken);
        if (existing is null)
        {
            return;
        }

        if (existing.HolderId != caller.Id && existing.ExpiresAt > clock.GetUtcNow())
        {
            if (!force)
            {
                throw Locked(existing);
            }

            if (!caller.IsFullAdministrator)
            {
                throw Problem.Forbidden("only a Full Administrator can release another user's edit lock");
            }

            audit.Record(caller, "force-unlock", "TaskSequence", entity.Id, null, null, $"lock held by {existing.HolderName}");
        }

        store.EditLocks.Remove(existing);
        await store.SaveChangesAsync(cancellationToken);
    }

    private async Task RequireLockAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var existing = await store.EditLocks.AsNoTracking().FirstOrDefaultAsync(l => l.SequenceId == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (existing is null || existing.ExpiresAt <= now)
        {
            throw new ApiProblemException(StatusCodes.Status423Locked, "Edit lock required",
                $"saving task sequence '{id}' requires its edit lock: POST /api/v1/task-sequences/{id}/lock first",
                Problem.Field("lock", "not held"));
        }

        if (existing.HolderId != caller.Id)
        {
            throw Locked(existing);
        }
    }

    private async Task RefuseIfLockedByOtherAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var existing = await store.EditLocks.AsNoTracking().FirstOrDefaultAsync(l => l.SequenceId == id, cancellationToken);
        if (existing is not null && existing.ExpiresAt > clock.GetUtcNow() && existing.HolderId != caller.Id)
        {
            throw Locked(existing);
        }
    }

    private async Task<Dictionary<string, EditLockInfo>> ActiveLocksAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await store.EditLocks.AsNoTracking().Where(l => ids.Contains(l.SequenceId)).ToListAsync(cancellationToken);
        return rows.Where(l => l.ExpiresAt > now).ToDictionary(l => l.SequenceId, Info);
    }

    private async Task<EditLockInfo?> LockOfAsync(string id, CancellationToken cancellationToken) =>
        (await ActiveLocksAsync([id], cancellationToken)).GetValueOrDefault(id);

    private static EditLockInfo Info(EditLockEntity entity) => new()
    {
        HolderId = entity.HolderId, HolderName = entity.HolderName, AcquiredAt = entity.AcquiredAt, ExpiresAt = entity.ExpiresAt,
    };

    private static ApiProblemException Locked(EditLockEntity holder) =>
        new(StatusCodes.Status423Locked, "Locked",
            $"task sequence '{holder.SequenceId}' is being edited by {holder.HolderName} since {holder.AcquiredAt:u}",
            Problem.Field("lock", $"held by {holder.HolderName}"),
            new Dictionary<string, object?> { ["lockedBy"] = holder.HolderName, ["lockedSince"] = holder.AcquiredAt, ["lockExpires"] = holder.ExpiresAt });
}
