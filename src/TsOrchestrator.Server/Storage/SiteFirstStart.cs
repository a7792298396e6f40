using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Nodes of a PostgreSQL site start one at a time through migrations, the key ring's first key and the first admin key:
/// started together on an empty database, each found nothing and made its own (or failed on the other's tables).
/// </summary>
public static class SiteFirstStart
{
    // Any fixed number, the same on every node: "tsorch" as ASCII.
    private const long LockKey = 0x7473_6f72_6368;

    /// <summary>
    /// Creates the database if it is missing (the other node may be creating it too), then takes a session advisory lock
    /// on the store's connection, which stays open until the caller closes it: PostgreSQL lets the lock go with it, so a
    /// node that dies half-way through its start does not hold the others up.
    /// </summary>
    public static async Task LockAsync(StoreContext store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var creator = store.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another node created it first: what this one wanted.
            }
        }

        await store.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await store.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
    }
}
