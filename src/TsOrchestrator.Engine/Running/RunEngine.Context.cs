using TsOrchestrator.Engine.Compilation;

namespace TsOrchestrator.Engine.Running;

public sealed partial class RunEngine
{
    /// <summary>What one transition works on: the state, the output, and the event's time.</summary>
    private readonly struct Context(RunState state, Transition output, DateTimeOffset? at)
    {
        public RunState State { get; } = state;
        public Transition Output { get; } = output;
        public DateTimeOffset? At { get; } = at;

        public void Record(Activity activity, ActivityOutcome outcome, string? reason, int? exitCode = null,
            int attempt = 1, Bookmark? bookmark = null, string? condition = null)
        {
            IReadOnlyList<VariableChange>? changes = null;
            if (Output.Inspects)
            {
                changes = Output.TakeJournal();
                condition ??= TakeHeldCondition(activity);
            }

            Output.Records.Add(new ActivityRecord
            {
                Path = activity.Path,
                Name = activity.Name,
                StepType = activity.StepType,
                Outcome = outcome,
                Reason = reason,
                ExitCode = exitCode,
                Attempt = attempt,
                WorkItemId = bookmark?.WorkItemId,
                StartedAt = bookmark?.DispatchedAt ?? At,
                EndedAt = At,
                VariablesChanged = changes,
                ConditionEvaluation = condition,
            });
            Output.Accepted = true;
        }

        /// <summary>
        /// Places the changes made since the last record before the next record (start variables, resume edits, a
        /// dispatch's current action name), with the held condition when <paramref name="dispatched"/> is its node.
        /// </summary>
        public void Prelude(Activity? dispatched = null)
        {
            if (!Output.Inspects)
            {
                return;
            }

            var condition = dispatched is null ? null : TakeHeldCondition(dispatched);
            var changes = Output.TakeJournal();
            if (changes is not null || condition is not null)
            {
                Output.Preludes.Add(new StepPrelude { BeforeRecord = Output.Records.Count, Changes = changes ?? [], ConditionEvaluation = condition });
            }
        }

        /// <summary>How the node's condition held, when it was decided in this transition for this node.</summary>
        private string? TakeHeldCondition(Activity activity)
        {
            if (Output.HeldCondition is not { } held || held.Activity != activity.Index)
            {
                return null;
            }

            Output.HeldCondition = null;
            return held.Evaluation;
        }
    }
}
