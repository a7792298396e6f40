namespace TsOrchestrator.Engine.Running;

/// <summary>The work item a suspended run waits for.</summary>
public sealed record Bookmark
{
    public required string WorkItemId { get; init; }
    public required WorkItemKind Kind { get; init; }
    public required int ActivityIndex { get; init; }
    public int Attempt { get; init; } = 1;

    /// <summary>A restart the step asked for after it succeeded (not a Restart Computer step).</summary>
    public bool AfterStep { get; init; }

    /// <summary>Run the same step again once the device is back (<c>SMSTSRetryRequested</c>).</summary>
    public bool RerunAfterRestart { get; init; }

    public DateTimeOffset? DispatchedAt { get; init; }
}
