namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>One row of a side-by-side diff: the older version's line on the left, the newer's on the right.</summary>
public sealed record VersionDiffLine
{
    /// <summary><c>unchanged</c>, <c>changed</c>, <c>inserted</c> or <c>deleted</c>.</summary>
    public required string Change { get; init; }

    public int? OldNumber { get; init; }
    public string? OldText { get; init; }
    public int? NewNumber { get; init; }
    public string? NewText { get; init; }
}
