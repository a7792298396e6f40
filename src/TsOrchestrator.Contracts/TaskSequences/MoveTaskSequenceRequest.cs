namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>Move a task sequence to a folder (null for the root folder).</summary>
public sealed record MoveTaskSequenceRequest
{
    public string? Folder { get; init; }
}
