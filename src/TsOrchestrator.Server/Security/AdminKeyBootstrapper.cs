using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Security;

/// <summary>
/// On first start, creates a Full Administrator key and writes it to a file only the server's
/// user can read, so that the one who installed the server can sign in.
/// </summary>
public sealed partial class AdminKeyBootstrapper(StoreContext store, IOptions<StorageOptions> options, TimeProvider clock, ILogger<AdminKeyBootstrapper> logger)
{
    public const string KeyFileName = "admin.key";

    public async Task EnsureAdminKeyAsync(CancellationToken cancellationToken)
    {
        if (await store.ApiKeys.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var key = ApiKeys.NewKey();
        store.ApiKeys.Add(new ApiKeyEntity
        {
            Id = "admin",
            Name = "admin",
            Hash = ApiKeys.Hash(key),
            Role = AdminRoles.FullAdministrator,
            Scopes = "*",
            CreatedAt = clock.GetUtcNow(),
        });
        await store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var path = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, KeyFileName));
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, fileOptions))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(key.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        LogAdminKeyCreated(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first Full Administrator API key; it is in {KeyFile} (readable only by this user)")]
    private static partial void LogAdminKeyCreated(ILogger logger, string keyFile);
}
