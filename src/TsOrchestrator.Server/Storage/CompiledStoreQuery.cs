using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// An EF Core compiled query for a hot path, compiled once per store type: a compiled query belongs to one
/// provider's model, and a process may hold more than one (the tests run SQLite and PostgreSQL side by side).
/// </summary>
public sealed class CompiledStoreQuery<TParam, TResult>(Expression<Func<StoreContext, TParam, CancellationToken, TResult>> query)
{
    private readonly ConcurrentDictionary<Type, Func<StoreContext, TParam, CancellationToken, Task<TResult>>> _byStore = new();

    public Task<TResult> RunAsync(StoreContext store, TParam parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return _byStore.GetOrAdd(store.GetType(), _ => EF.CompileAsyncQuery(query))(store, parameter, cancellationToken);
    }
}
