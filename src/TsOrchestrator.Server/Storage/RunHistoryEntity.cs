namespace TsOrchestrator.Server.Storage;

/// <summary>One history record of a run (a step attempt, or a node skipped), appended in order.</summary>
public sealed class RunHistoryEntity
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public int Sequence { get; set; }
    public required string Path { get; set; }
    public required string Name { get; set; }
    public string? StepType { get; set; }
    public required string Outcome { get; set; }
    public string? Reason { get; set; }
    public int? ExitCode { get; set; }
    public int Attempt { get; set; }
    public string? WorkItemId { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
