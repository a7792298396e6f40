namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>One immutable saved version of a task sequence.</summary>
public sealed record TaskSequenceVersionInfo
{
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required string ContentHash { get; init; }
    public required int SizeBytes { get; init; }
}
