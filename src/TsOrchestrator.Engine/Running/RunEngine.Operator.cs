using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Engine.Running;

/// <summary>What operators and the scheduler do to a run: cancel, time out, resume.</summary>
public sealed partial class RunEngine
{
    private void Stop(Context c, RunStatus status, string reason)
    {
        var state = c.State;
        if (state.Status is not (RunStatus.Running or RunStatus.NotStarted))
        {
            return; // stopping a finished run changes nothing
        }

        if (state.Bookmark is { } bookmark)
        {
            var activity = _definition[bookmark.ActivityIndex];
            c.Output.Commands.Add(new CancelWorkItem(bookmark.WorkItemId));
            if (bookmark.Kind != WorkItemKind.Condition && !bookmark.AfterStep)
            {
                c.Record(activity, ActivityOutcome.Cancelled, reason, null, bookmark.Attempt, bookmark);
            }

            // Resume starts at the interrupted step (or the one after a restart it had asked for).
            state.FailedPath = bookmark.AfterStep && NextAfter(activity.Index) is var next && next < _definition.EndIndex
                ? _definition[next].Path
                : activity.Path;
        }

        state.FailureReason = reason;
        Complete(c, status);
    }

    private void Resume(Context c, ResumeRun resume)
    {
        var state = c.State;
        if (state.Status is not (RunStatus.Failed or RunStatus.Cancelled or RunStatus.TimedOut))
        {
            throw new RunEventRejectedException($"run {state.RunId} is {state.Status}: only a failed, cancelled or timed-out run can be resumed");
        }

        var path = resume.FromPath ?? state.FailedPath
            ?? throw new RunEventRejectedException($"run {state.RunId} has no failed step: name the path to resume at");
        if (!_definition.TryGetIndex(path, out var index))
        {
            throw new RunEventRejectedException($"fromPath '{path}' is not a node of this run's task sequence");
        }

        if (state.FailedPath is { } failedPath && _definition.TryGetIndex(failedPath, out var failedIndex) && index > failedIndex)
        {
            throw new RunEventRejectedException(
                $"fromPath '{path}' comes after the failed step '{failedPath}': a run resumes at the failed step or an earlier one");
        }

        if (resume.VariableEdits is { } edits)
        {
            foreach (var name in edits.Keys)
            {
                if (!VariableName.IsValidUserName(name) || VariableName.IsReadOnly(name))
                {
                    throw new RunEventRejectedException($"variableEdits: '{name}' is not a variable a user may set");
                }
            }

            foreach (var (name, value) in edits)
            {
                state.Variables.Set(name, value);
            }

            c.Prelude();
        }

        state.Status = RunStatus.Running;
        state.FailureReason = null;
        c.Output.Accepted = true;
        Enter(c, index);
    }
}
