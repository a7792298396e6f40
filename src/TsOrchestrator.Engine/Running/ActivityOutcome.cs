namespace TsOrchestrator.Engine.Running;

/// <summary>How one attempt of an activity ended.</summary>
public enum ActivityOutcome
{
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
