namespace TsOrchestrator.Server.Storage;

/// <summary>One row of the audit log.</summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string ObjectType { get; set; }
    public required string ObjectId { get; set; }
    public long? BeforeVersion { get; set; }
    public long? AfterVersion { get; set; }
    public string? Detail { get; set; }
}
