namespace TsOrchestrator.Engine.Running;

/// <summary>A step's time-out elapsed while it was still running.</summary>
public sealed record StepTimedOut : RunEvent
{
    public required string WorkItemId { get; init; }
}
