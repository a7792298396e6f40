using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// Child sequences for an export: the latest version, as a run compiles them, but only those in the caller's security
/// scopes — a child the caller cannot see is exported as not found rather than with its steps.
/// </summary>
internal sealed class VisibleSequenceResolver(StoreContext store, Caller caller) : ITaskSequenceResolver
{
    private readonly StoreSequenceResolver _store = new(store);

    public TaskSequence? Find(string taskSequenceId)
    {
        var entity = store.TaskSequences.Find(taskSequenceId);
        return entity is not null && caller.CanSee(entity.Scopes) ? _store.Find(taskSequenceId) : null;
    }
}
