namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>An edit lock: who holds it, since when and until when.</summary>
public sealed record EditLockInfo
{
    public required string HolderId { get; init; }
    public required string HolderName { get; init; }
    public required DateTimeOffset AcquiredAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}
