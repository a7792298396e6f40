namespace TsOrchestrator.Engine.Running;

/// <summary>
/// The output of one transition: commands for the host and history records to append. Reusable:
/// the engine clears it at the start of every transition, so a host can keep one per run.
/// </summary>
public sealed class Transition
{
    public List<EngineCommand> Commands { get; } = [];
    public List<ActivityRecord> Records { get; } = [];

    /// <summary>
    /// When true, the engine says which variables each record's node changed and how its condition was decided
    /// (run inspection); hosts that only need the run's result (the simulator, benchmarks) leave it off.
    /// </summary>
    public bool Inspects { get; set; }

    /// <summary>Variable changes no step made, each placed before the record it precedes (only when inspecting).</summary>
    public List<StepPrelude> Preludes { get; } = [];

    internal List<VariableChange> Journal { get; } = [];

    /// <summary>Journal entries before this index are already placed in a record or prelude.</summary>
    internal int JournalMark { get; set; }

    /// <summary>A condition that held, waiting for its node's dispatch or record (index of the node, and the evaluation).</summary>
    internal (int Activity, string Evaluation)? HeldCondition { get; set; }

    /// <summary>The journal entries not yet placed, or null when there are none.</summary>
    internal IReadOnlyList<VariableChange>? TakeJournal()
    {
        if (JournalMark == Journal.Count)
        {
            return null;
        }

        var taken = Journal.GetRange(JournalMark, Journal.Count - JournalMark);
        JournalMark = Journal.Count;
        return taken;
    }

    /// <summary>False when the event changed nothing (e.g. a duplicate result for a finished work item).</summary>
    public bool Accepted { get; internal set; }

    internal void Clear()
    {
        Commands.Clear();
        Records.Clear();
        Preludes.Clear();
        Journal.Clear();
        JournalMark = 0;
        HeldCondition = null;
        Accepted = false;
    }
}
