namespace TsOrchestrator.Engine.Running;

/// <summary>An operator cancelled the run.</summary>
public sealed record CancelRun : RunEvent
{
    public string? Reason { get; init; }
}
