using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Failures of the store's connection rather than of the request: PostgreSQL restarting (its backends terminated, a
/// pooled connection found broken, connections refused or told the server is starting). A request that failed so is
/// safe to run again where its writes are guarded (a run's version, an idempotent result); what it wrote was either
/// committed, and the rerun sees it, or not at all.
/// </summary>
public static class StoreConnectionFailures
{
    // PostgreSQL's SQLSTATEs of a server going down or coming up: admin_shutdown, crash_shutdown, cannot_connect_now.
    private static readonly HashSet<string> Restarting = new(StringComparer.Ordinal) { "57P01", "57P02", "57P03" };

    /// <summary>Waits before each rerun: about 8 s in all, longer than PostgreSQL takes to restart.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryWaits =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Whether the exception, or one it wraps (EF Core's, an aggregate), is such a failure.</summary>
    public static bool IsConnectionFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return Restarting.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                // Broken or refused connections; not a command's timeout, which a rerun would only repeat.
                case NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="call"/>, and again after each wait of <see cref="RetryWaits"/> while it fails on the store's
    /// connection and <paramref name="canRerun"/> allows; the context is reset between tries.
    /// </summary>
    public static async Task<T> RetryAsync<T>(StoreContext store, Func<CancellationToken, Task<T>> call, TimeProvider clock, CancellationToken cancellationToken,
        Func<bool>? canRerun = null, Action<int, Exception>? onRerun = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < RetryWaits.Count && IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested && (canRerun?.Invoke() ?? true))
            {
                onRerun?.Invoke(attempt + 1, e);
                await ResetAsync(store).ConfigureAwait(false);
            }

            await Task.Delay(RetryWaits[attempt], clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the context fit to run again: nothing tracked, its connection closed, and the pool's idle connections
    /// dropped (after a restart every one of them is broken, and each would cost a request its turn).
    /// </summary>
    public static async Task ResetAsync(StoreContext store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.ChangeTracker.Clear();
        var connection = store.Database.GetDbConnection();
        await store.Database.CloseConnectionAsync();
        if (connection is NpgsqlConnection npgsql)
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
