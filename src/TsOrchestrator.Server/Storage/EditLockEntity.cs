namespace TsOrchestrator.Server.Storage;

/// <summary>Serialized editing: one holder per task sequence until the lock expires or is released.</summary>
public sealed class EditLockEntity
{
    public required string SequenceId { get; set; }
    public required string HolderId { get; set; }
    public required string HolderName { get; set; }
    public DateTimeOffset AcquiredAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
