namespace TsOrchestrator.Server.Storage;

/// <summary>Which database holds the store.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
