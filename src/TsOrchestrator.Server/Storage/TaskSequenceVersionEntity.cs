namespace TsOrchestrator.Server.Storage;

/// <summary>One immutable saved version: the native JSON document as written.</summary>
public sealed class TaskSequenceVersionEntity
{
    public required string SequenceId { get; set; }
    public int Version { get; set; }
    public required string Content { get; set; }
    public required string ContentHash { get; set; }
    public int SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
