using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Content;

/// <summary>Where the store lives (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the SQLite file and the first admin key, created on first start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The site's shared folder: the content library, import previews and imported content, and (unless
    /// <c>StateMigration:StoreDirectory</c> names another) captured user state. Every node of a site names the same
    /// folder (an NFS or SMB share), mounted at the same path. Empty: the data folder, as on a single node.
    /// </summary>
    public string? SharedDirectory { get; set; }

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    public string SqliteFileName { get; set; } = "tsorchestrator.db";

    /// <summary>PostgreSQL connection string, required when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The full path of <see cref="SharedDirectory"/>, or of the data folder when it is not set.</summary>
    public string SharedPath => Path.GetFullPath(SharedDirectory is { Length: > 0 } shared ? shared : DataDirectory);

    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName));
}
