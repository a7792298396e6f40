using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Agents;

/// <summary>
/// Device keys looked up in the store at once, at most <see cref="AgentOptions.MaxConcurrentCalls"/>. Authentication runs
/// before the agent call limit, and a fleet calls in together: told to check in at once, or connecting its fast channels
/// after a restart, a thousand devices whose keys are no longer remembered each opened a store connection of their own
/// (SQLite: ~700 at once, each with its page cache), which cost the server its memory and slowed every lookup. Queued here
/// they share a few connections, and a lookup that waited finds its key remembered when another call of the device made it.
/// </summary>
public sealed class DeviceKeyLookups(IOptions<AgentOptions> options, IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(options.Value.MaxConcurrentCalls, options.Value.MaxConcurrentCalls);

    /// <summary>
    /// Runs the lookup in a turn of its own, with a store context of its own that goes back to the pool, its connection
    /// closed, as soon as the lookup ends: the call it authenticates may be a fast-channel poll held for a minute, and a
    /// context of the request's own stayed with it (measured: ~700 SQLite connections open with 1,000 held polls).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<StoreContext, Task<T>> lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                // PostgreSQL restarting: the call this authenticates is one a device makes again and again, and would fail
                // with a 500 before any retry of the call itself could run.
                var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
                return await StoreConnectionFailures.RetryAsync(store, _ => lookup(store), clock, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();
}
