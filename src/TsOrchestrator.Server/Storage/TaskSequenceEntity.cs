namespace TsOrchestrator.Server.Storage;

/// <summary>A task sequence's current state; its documents live in <see cref="TaskSequenceVersionEntity"/>.</summary>
public sealed class TaskSequenceEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Folder { get; set; }
    public bool Enabled { get; set; } = true;
    public bool HighImpact { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset LastModified { get; set; }
    public string LastModifiedBy { get; set; } = "";

    /// <summary>Comma-separated security scopes.</summary>
    public string Scopes { get; set; } = "default";

    /// <summary>Optimistic-concurrency version, sent as the ETag; every change increments it.</summary>
    public long ConcurrencyVersion { get; set; }
}
