using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// Child sequences for an export: the latest version, as a run compiles them, but only those in the caller's security
/// scopes — a child the caller cannot see is exported as not found rather than with its steps.
/// </summary>
internal sealed class VisibleSequenceResolver(StoreContext store) : ITaskSequenceResolver
{
    private readonly StoreSequenceResolver _store = new(store);

    // The store's scope filter answers: a sequence outside the caller's scopes is not in the query's results.
    public TaskSequence? Find(string taskSequenceId) =>
        store.TaskSequences.AsNoTracking().Any(s => s.Id == taskSequenceId) ? _store.Find(taskSequenceId) : null;
}
