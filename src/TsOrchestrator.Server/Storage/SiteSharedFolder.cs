using Microsoft.EntityFrameworkCore;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Makes the site's shared folder recognisable: a marker file at its root holds an id the store holds too. The first
/// node to start on a store (or the first start after an upgrade) adopts its folder; every later start of any node
/// checks its folder holds the same id, so a node given its own folder instead of the share stops at once.
/// </summary>
public static class SiteSharedFolder
{
    /// <summary>At the folder's root, not in <c>content/</c>: clearing the library by hand must not make it another site's.</summary>
    public const string MarkerFileName = "tsorch-site.id";

    public static string MarkerPath(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.SharedPath, MarkerFileName);
    }

    public static async Task VerifyAsync(StoreContext store, StorageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var marker = MarkerPath(options);
        var siteId = await StoredIdAsync(store, cancellationToken).ConfigureAwait(false);
        if (siteId is null)
        {
            // No node of this version has started on this store: this folder becomes the site's (an upgraded single
            // node keeps its library). Two first nodes at once agree through the marker on a shared folder and through
            // the key of the row in the store; a loser with a folder of its own fails the check below.
            var candidate = ReadMarker(marker) ?? WriteMarker(marker, Guid.NewGuid().ToString("N"));
            store.SiteSettings.Add(new SiteSettingEntity { Name = SiteSettingEntity.SharedFolderIdName, Value = candidate });
            try
            {
                await store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException race) when (StoreRaces.IsRace(race))
            {
                store.ChangeTracker.Clear();
            }

            siteId = await StoredIdAsync(store, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the site's shared folder id was neither saved nor found");
        }

        var found = ReadMarker(marker);
        if (!string.Equals(found, siteId, StringComparison.Ordinal))
        {
            var what = found is null ? $"it holds no {MarkerFileName}" : $"its {MarkerFileName} names another site ({found})";
            throw new SharedFolderMismatchException(
                $"Storage:SharedDirectory ({options.SharedPath}) is not this site's shared folder: {what}, the store's site is {siteId}. Every node must name the same shared folder (the content library); if the site's folder is lost, write {siteId} into {marker} to go on with an empty library.");
        }
    }

    private static Task<string?> StoredIdAsync(StoreContext store, CancellationToken cancellationToken) =>
        store.SiteSettings.AsNoTracking().Where(s => s.Name == SiteSettingEntity.SharedFolderIdName).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    private static string? ReadMarker(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var id = File.ReadAllText(path).Trim();
        return id.Length > 0 ? id : null;
    }

    /// <summary>Written whole and renamed without overwriting: of two nodes writing at once, one marker stays and both read it.</summary>
    private static string WriteMarker(string path, string id)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, id + "\n");
        try
        {
            File.Move(temp, path, overwrite: false);
            return id;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return ReadMarker(path) ?? id;
        }
    }
}
