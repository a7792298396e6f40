using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Bench;

/// <summary>
/// Untimed: checks what a run did (outcomes of the history it produced) and how big its serialised
/// state is at the start, middle and end, and keeps the middle state for the serializer baseline.
/// </summary>
internal sealed class RunVerification(int expectedTransitions) : IRunObserver
{
    private int _transitions;

    public int Dispatched { get; private set; }
    public int Succeeded { get; private set; }
    public int Failed { get; private set; }
    public int SkippedByCondition { get; private set; }
    public int SkippedDisabled { get; private set; }

    /// <summary>History records the run produced (kept by the caller, never in the state).</summary>
    public int Records { get; private set; }

    public int SizeAtStart { get; private set; }
    public int SizeAtMiddle { get; private set; }
    public int SizeAtEnd { get; private set; }
    public int SizeMax { get; private set; }

    /// <summary>The state's JSON halfway through the run.</summary>
    public byte[] MiddleState { get; private set; } = [];

    public void Observe(Transition transition, RunState state, ReadOnlySpan<byte> stateJson)
    {
        _transitions++;
        Records += transition.Records.Count;
        foreach (var command in transition.Commands)
        {
            if (command is DispatchWorkItem)
            {
                Dispatched++;
            }
        }

        foreach (var record in transition.Records)
        {
            switch (record.Outcome)
            {
                case ActivityOutcome.Succeeded:
                    Succeeded++;
                    break;
                case ActivityOutcome.Failed:
                    Failed++;
                    break;
                case ActivityOutcome.Skipped when record.Reason == ActivityReasons.Disabled:
                    SkippedDisabled++;
                    break;
                case ActivityOutcome.Skipped:
                    SkippedByCondition++;
                    break;
            }
        }

        SizeMax = Math.Max(SizeMax, stateJson.Length);
        if (_transitions == 1)
        {
            SizeAtStart = stateJson.Length;
        }

        if (_transitions == expectedTransitions / 2)
        {
            SizeAtMiddle = stateJson.Length;
            MiddleState = stateJson.ToArray();
        }

        if (_transitions == expectedTransitions)
        {
            SizeAtEnd = stateJson.Length;
        }
    }
}
