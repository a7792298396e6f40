namespace TsOrchestrator.Engine.Running;

/// <summary>Where a run stands.</summary>
public enum RunStatus
{
    NotStarted,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>Stopped because the sequence's maximum allowed run time was reached.</summary>
    TimedOut,
}
