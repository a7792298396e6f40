namespace TsOrchestrator.Contracts.Auditing;

/// <summary>One admin change: who did what to which object, when, and the versions before and after.</summary>
public sealed record AuditEntry
{
    public required long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }
    public long? BeforeVersion { get; init; }
    public long? AfterVersion { get; init; }
    public string? Detail { get; init; }
}
