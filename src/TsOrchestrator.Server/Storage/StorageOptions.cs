using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Storage;

/// <summary>Where the store lives (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the SQLite file and the first admin key, created on first start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    public string SqliteFileName { get; set; } = "tsorchestrator.db";

    /// <summary>PostgreSQL connection string, required when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName));
}
