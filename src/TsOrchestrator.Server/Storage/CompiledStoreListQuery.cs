using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// A compiled query returning rows, for the hot paths where one request makes several reads (a check-in): compiling
/// skips EF Core's per-call expression walk and cache lookup, which at fleet scale cost as much as the reads themselves.
/// Compiled once per store type, as <see cref="CompiledStoreQuery{TParam, TResult}"/>.
/// </summary>
public sealed class CompiledStoreListQuery<TParam, TResult>(Expression<Func<StoreContext, TParam, IQueryable<TResult>>> query)
{
    private readonly ConcurrentDictionary<Type, Func<StoreContext, TParam, IAsyncEnumerable<TResult>>> _byStore = new();

    public async Task<List<TResult>> ToListAsync(StoreContext store, TParam parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<TResult>();
        await foreach (var row in _byStore.GetOrAdd(store.GetType(), _ => EF.CompileAsyncQuery(query))(store, parameter).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
