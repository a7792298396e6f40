using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>A task sequence with its latest version's document (secret values masked).</summary>
public sealed record TaskSequenceDetails
{
    public required TaskSequenceSummary Summary { get; init; }
    public required TaskSequence Sequence { get; init; }

    /// <summary>Optimistic-concurrency version; send it back as <c>If-Match</c> when saving.</summary>
    public required string ETag { get; init; }
}
