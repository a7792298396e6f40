using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Auditing;

/// <summary>Adds audit rows to the unit of work of the change they describe, so both commit or neither.</summary>
public sealed class AuditLog(StoreContext store, TimeProvider clock)
{
    public void Record(Caller caller, string action, string objectType, string objectId, long? before, long? after, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        store.AuditEntries.Add(new AuditEntryEntity
        {
            At = clock.GetUtcNow(),
            Actor = caller.Name,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            BeforeVersion = before,
            AfterVersion = after,
            Detail = detail,
        });
    }
}
