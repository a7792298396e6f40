namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>Two versions of a task sequence side by side, line by line of the native format.</summary>
public sealed record VersionDiff
{
    public required int From { get; init; }
    public required int To { get; init; }
    public required IReadOnlyList<VersionDiffLine> Lines { get; init; }
}
