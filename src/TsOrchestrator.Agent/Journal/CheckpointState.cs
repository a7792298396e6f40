namespace TsOrchestrator.Agent.Journal;

/// <summary>Where the agent was with its one work item when it last wrote the journal.</summary>
internal enum CheckpointState
{
    /// <summary>The step's handler started; a record still in this state after a start-up means the device went down under it.</summary>
    Started,

    /// <summary>The handler finished; the result is in the record until the server acknowledges it.</summary>
    Finished,

    /// <summary>The agent asked the device to restart for this work item.</summary>
    RestartRequested,
}
