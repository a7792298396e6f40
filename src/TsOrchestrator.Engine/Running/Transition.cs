namespace TsOrchestrator.Engine.Running;

/// <summary>
/// The output of one transition: commands for the host and history records to append. Reusable:
/// the engine clears it at the start of every transition, so a host can keep one per run.
/// </summary>
public sealed class Transition
{
    public List<EngineCommand> Commands { get; } = [];
    public List<ActivityRecord> Records { get; } = [];

    /// <summary>False when the event changed nothing (e.g. a duplicate result for a finished work item).</summary>
    public bool Accepted { get; internal set; }

    internal void Clear()
    {
        Commands.Clear();
        Records.Clear();
        Accepted = false;
    }
}
