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
            int attempt = 1, Bookmark? bookmark = null)
        {
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
            });
            Output.Accepted = true;
        }
    }
}
