namespace TsOrchestrator.Engine.Compilation;

/// <summary>What an activity of a compiled workflow does.</summary>
public enum ActivityKind
{
    /// <summary>Runs its children in order.</summary>
    Group,

    /// <summary>Dispatched to the device's agent as a work item.</summary>
    Step,

    /// <summary>Restart Computer: dispatched, completes when the device is back.</summary>
    Restart,

    /// <summary>Set Task Sequence Variable: runs inside the engine.</summary>
    SetVariable,

    /// <summary>Run Task Sequence: the child's nodes run inline; its failure is this step's failure.</summary>
    RunChildSequence,
}
