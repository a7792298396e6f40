namespace TsOrchestrator.Engine.Running;

/// <summary>What a work item asks the device's agent to do.</summary>
public enum WorkItemKind
{
    /// <summary>Run a step with the handler for its type and report the exit code.</summary>
    Step,

    /// <summary>Evaluate a condition over the device's state and report true or false.</summary>
    Condition,

    /// <summary>Restart the device and report when it is back.</summary>
    Restart,
}
