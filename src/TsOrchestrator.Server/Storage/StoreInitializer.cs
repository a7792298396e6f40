using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Creates the data folder (owner-only), applies migrations, turns on WAL, prepares the key ring, checks the
/// site's shared folder is this node's, protects step secrets an older store holds in
/// clear, and bootstraps the first admin key.
/// </summary>
public static class StoreInitializer
{
    public static async Task InitializeStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        DataFolderPermissions.SecureFolders(options);
        if (options.Provider == StorageProvider.Sqlite)
        {
            DataFolderPermissions.CreateStoreFile(options);
        }

        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        if (options.Provider == StorageProvider.Postgres)
        {
            await SiteFirstStart.LockAsync(store, cancellationToken).ConfigureAwait(false);
        }

        await store.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (options.Provider == StorageProvider.Sqlite)
        {
            // WAL is a property of the file: set once, it stays.
            await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await KeyRing.KeyRingStartup.PrepareAsync(scope.ServiceProvider, store, cancellationToken).ConfigureAwait(false);
        await SiteSharedFolder.VerifyAsync(store, options, cancellationToken).ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<StepSecrets.StoredStepSecrets>().ProtectAsync(cancellationToken).ConfigureAwait(false);
        await Content.SiteServerDistributionPoint.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<AdminKeyBootstrapper>().EnsureAdminKeyAsync(cancellationToken).ConfigureAwait(false);
        DataFolderPermissions.SecureFiles(options);

        // The lock goes with the connection: closing it lets the next node in (it finds the schema and keys made).
        await store.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
