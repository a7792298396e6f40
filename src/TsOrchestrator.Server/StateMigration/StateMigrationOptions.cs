using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>The state migration point role (section <c>StateMigration</c>).</summary>
public sealed class StateMigrationOptions
{
    public const string Section = "StateMigration";

    /// <summary>
    /// Where the encrypted user state files lie; by default <c>state-stores</c> in the site's shared folder
    /// (<c>Storage:SharedDirectory</c>, itself the data folder by default). Nodes of one site share it, as they share the
    /// content library.
    /// </summary>
    public string? StoreDirectory { get; set; }

    /// <summary>The most bytes one device's captured state may have (16 GiB by default).</summary>
    [Range(1, long.MaxValue)]
    public long MaxStoreBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Free space the state store folder's disk must keep beyond an upload, so user state never fills the server's disk.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Days a released store is kept before the retention sweep deletes it (0: at the first sweep after its release).</summary>
    [Range(0, 3650)]
    public int RetentionDays { get; set; } = 7;

    /// <summary>How often the retention sweep runs.</summary>
    [Range(1, 1440)]
    public int SweepMinutes { get; set; } = 60;

    public string FolderUnder(string sharedDirectory) => Path.GetFullPath(StoreDirectory is { Length: > 0 } configured ? configured : Path.Combine(sharedDirectory, "state-stores"));
}
