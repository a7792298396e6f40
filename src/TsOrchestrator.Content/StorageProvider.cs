namespace TsOrchestrator.Content;

/// <summary>Which database holds the store.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
