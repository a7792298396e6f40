using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Auditing;

/// <summary>
/// The audit entries a scoped caller may read: the ones it made, and the ones about an object it sees now (the store's
/// scope filter decides; a run follows its task sequence, a folder has no scopes). An entry about an object deleted
/// since, or moved out of the caller's scopes, is left to unscoped callers and to whoever made it.
/// </summary>
internal static class VisibleAuditEntries
{
    public static IQueryable<AuditEntryEntity> Of(StoreContext store)
    {
        var query = store.AuditEntries.AsNoTracking();
        if (!store.FiltersByScope || store.RequestCaller?.Caller is not { } caller)
        {
            return query;
        }

        // Entries name their actor by the key's name, as the audit log always has.
        var actor = caller.Name;
        return query.Where(a => a.Actor == actor
            || a.ObjectType == "Folder"
            || (a.ObjectType == "TaskSequence" && store.TaskSequences.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "Package" && store.Packages.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "Collection" && store.Collections.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "Device" && store.Devices.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "Deployment" && store.Deployments.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "PhasedDeployment" && store.PhasedDeployments.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "DistributionPoint" && store.DistributionPoints.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "DistributionPointGroup" && store.DistributionPointGroups.Any(o => o.Id == a.ObjectId))
            || (a.ObjectType == "Run" && store.Runs.Any(r => r.Id == a.ObjectId && store.TaskSequences.Any(s => s.Id == r.SequenceId))));
    }
}
