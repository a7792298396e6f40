using System.Globalization;
using TsOrchestrator.Domain.Variables;
using TsOrchestrator.Engine.Compilation;

namespace TsOrchestrator.Engine.Running;

/// <summary>Dispatching work items to the device and taking their results.</summary>
public sealed partial class RunEngine
{
    // One string per id (concatenating a formatted number allocated two).
    private static string NextWorkItemId(RunState state) =>
        string.Create(CultureInfo.InvariantCulture, $"w{++state.WorkItemCount}");

    private static void Dispatch(Context c, Activity activity, int attempt)
    {
        var state = c.State;
        var id = NextWorkItemId(state);
        var kind = activity.Kind == ActivityKind.Restart ? WorkItemKind.Restart : WorkItemKind.Step;
        state.Variables.Set(BuiltInVariables.CurrentActionName, activity.Name);
        state.Bookmark = new Bookmark { WorkItemId = id, Kind = kind, ActivityIndex = activity.Index, Attempt = attempt, DispatchedAt = c.At };
        c.Prelude(activity);
        c.Output.Commands.Add(new DispatchWorkItem(new WorkItem
        {
            Id = id,
            Kind = kind,
            Path = activity.Path,
            Name = activity.Name,
            StepType = activity.StepType,
            Settings = ExpandSettings(activity, state.Variables),
            SuccessCodes = activity.SuccessCodes,
            TimeoutMinutes = activity.TimeoutMinutes,
            Attempt = attempt,
        }));
        if (activity.TimeoutMinutes is { } minutes)
        {
            c.Output.Commands.Add(new ScheduleStepTimeout(id, TimeSpan.FromMinutes(minutes)));
        }

        c.Output.Accepted = true;
    }

    private static IReadOnlyDictionary<string, string> ExpandSettings(Activity activity, VariableEnvironment variables)
    {
        Dictionary<string, string>? expanded = null;
        foreach (var (name, value) in activity.Settings)
        {
            // Secrets are expanded only on the device, so their values never pass through the server's logs.
            if (!VariableExpander.HasReferences(value) || activity.SecretSettings.Contains(name))
            {
                continue;
            }

            expanded ??= new Dictionary<string, string>(activity.Settings, StringComparer.OrdinalIgnoreCase);
            expanded[name] = VariableExpander.Expand(value, variables);
        }

        return expanded ?? activity.Settings;
    }

    private static void DispatchCondition(Context c, Activity activity)
    {
        var state = c.State;
        var id = NextWorkItemId(state);
        Dictionary<string, string>? values = null;
        // A condition over variables alone comes here only when it compares a sealed (secret) value, which the device
        // alone can read: it then needs its variables, which the compiler lists only for conditions over device facts.
        var names = activity.ConditionVariables.Count == 0 && activity.Condition is { } condition ? ConditionVariableNames.Of(condition) : activity.ConditionVariables;
        foreach (var name in names)
        {
            if (state.Variables.TryGetValue(name, out var value))
            {
                (values ??= new(StringComparer.OrdinalIgnoreCase))[name] = value;
            }
        }

        state.Bookmark = new Bookmark { WorkItemId = id, Kind = WorkItemKind.Condition, ActivityIndex = activity.Index, DispatchedAt = c.At };
        c.Output.Commands.Add(new DispatchWorkItem(new WorkItem
        {
            Id = id,
            Kind = WorkItemKind.Condition,
            Path = activity.Path,
            Name = activity.Name,
            StepType = activity.StepType,
            Condition = activity.Condition,
            Variables = values ?? (IReadOnlyDictionary<string, string>)Activity.EmptySettings,
        }));
        c.Output.Accepted = true;
    }

    private static void DispatchRestartAfter(Context c, Activity activity, bool rerun)
    {
        var state = c.State;
        var id = NextWorkItemId(state);
        state.Bookmark = new Bookmark
        {
            WorkItemId = id, Kind = WorkItemKind.Restart, ActivityIndex = activity.Index, AfterStep = true,
            RerunAfterRestart = rerun, DispatchedAt = c.At,
        };
        c.Output.Commands.Add(new DispatchWorkItem(new WorkItem
        {
            Id = id,
            Kind = WorkItemKind.Restart,
            Path = activity.Path,
            Name = $"Restart requested by '{activity.Name}'",
            Settings = RestartAfterStepSettings,
        }));
    }

    private static readonly IReadOnlyDictionary<string, string> RestartAfterStepSettings =
        new Dictionary<string, string> { ["Target"] = "HD", ["MessageTimeout"] = "0" };

    /// <summary>The bookmark this event answers, or null when it answers nothing outstanding (a duplicate).</summary>
    private static Bookmark? Outstanding(RunState state, string? workItemId, WorkItemKind kind) =>
        state is { Status: RunStatus.Running, Bookmark: { } bookmark } && bookmark.Kind == kind &&
        (workItemId is null || string.Equals(bookmark.WorkItemId, workItemId, StringComparison.Ordinal))
            ? bookmark
            : null;

    private void OnWorkItemCompleted(Context c, WorkItemCompleted completed)
    {
        var state = c.State;
        if (state.Status != RunStatus.Running || state.Bookmark is not { } bookmark ||
            !string.Equals(bookmark.WorkItemId, completed.WorkItemId, StringComparison.Ordinal) ||
            bookmark.Kind == WorkItemKind.Condition)
        {
            return; // a result for a finished (or unknown) work item changes nothing
        }

        var activity = _definition[bookmark.ActivityIndex];
        if (bookmark.Kind == WorkItemKind.Restart)
        {
            // An agent that completes a restart item without restarting (it could not, or may not) is
            // treated as back from the restart when it succeeded, and as the step's failure otherwise.
            if (completed.Succeeded != false && completed.ExitCode == 0)
            {
                OnRestartCompleted(c, bookmark, activity);
            }
            else
            {
                FinishStep(c, bookmark, activity, completed.ExitCode, succeeded: false, completed.Message ?? ActivityReasons.ExitCode);
            }

            return;
        }

        ApplyStepVariables(state, activity.StepType, completed.VariablesSet);
        var succeeded = completed.Succeeded != false &&
                        (activity.HasExitCode ? Contains(activity.SuccessCodes, completed.ExitCode) : completed.ExitCode == 0);
        FinishStep(c, bookmark, activity, completed.ExitCode, succeeded, succeeded ? null : completed.Message ?? ActivityReasons.ExitCode);
    }

    private void FinishStep(Context c, Bookmark bookmark, Activity activity, int exitCode, bool succeeded, string? reason)
    {
        var state = c.State;
        state.Bookmark = null;
        state.StepsRun++;
        // The last-action variables are set before the record so that the inspection counts them as the step's changes.
        SetLastAction(state, activity, exitCode, succeeded);
        c.Record(activity, succeeded ? ActivityOutcome.Succeeded : ActivityOutcome.Failed, reason, exitCode, bookmark.Attempt, bookmark);
        if (!succeeded)
        {
            Enter(c, Fail(c, activity, reason ?? ActivityReasons.ExitCode));
            return;
        }

        var restart = (activity.RestartsOnExitCode3010 && exitCode == ExitCodes.SuccessRestartRequired) ||
                      state.Variables.IsTrue(BuiltInVariables.RebootRequested);
        if (restart)
        {
            var rerun = state.Variables.IsTrue(BuiltInVariables.RetryRequested);
            state.Variables.Remove(BuiltInVariables.RebootRequested);
            state.Variables.Remove(BuiltInVariables.RetryRequested);
            DispatchRestartAfter(c, activity, rerun);
            return;
        }

        Enter(c, NextAfter(activity.Index));
    }

    private void OnRestartCompleted(Context c, Bookmark bookmark, Activity activity)
    {
        if (!bookmark.AfterStep)
        {
            // The Restart Computer step itself: it succeeds once the device is back.
            FinishStep(c, bookmark, activity, ExitCodes.Success, succeeded: true, null);
            return;
        }

        c.State.Bookmark = null;
        c.Output.Accepted = true;
        if (bookmark.RerunAfterRestart)
        {
            Dispatch(c, activity, attempt: 1);
        }
        else
        {
            Enter(c, NextAfter(activity.Index));
        }
    }

    private void OnDeviceRestarted(Context c, DeviceRestarted restarted)
    {
        var state = c.State;
        if (state.Status != RunStatus.Running || state.Bookmark is not { } bookmark ||
            (restarted.WorkItemId is { } id && !string.Equals(id, bookmark.WorkItemId, StringComparison.Ordinal)))
        {
            return;
        }

        if (restarted.InBootMedia is { } inBootMedia)
        {
            // A restart into the boot image or into the installed system changes where the run is, as Configuration
            // Manager's _SMSTSInWinPE does: the conditions after it see the environment the device is in now.
            state.Variables.Set(BuiltInVariables.InWinPE, inBootMedia ? "true" : "false");
            c.Prelude();
        }

        var activity = _definition[bookmark.ActivityIndex];
        switch (bookmark.Kind)
        {
            case WorkItemKind.Restart:
                OnRestartCompleted(c, bookmark, activity);
                break;
            case WorkItemKind.Condition:
                // Nothing ran yet: evaluate the condition again on the restarted device.
                DispatchCondition(c, activity);
                break;
            default:
                OnStepInterrupted(c, bookmark, activity);
                break;
        }
    }

    /// <summary>The device restarted while a step ran: retry while retries are left, else the step fails.</summary>
    private void OnStepInterrupted(Context c, Bookmark bookmark, Activity activity)
    {
        var state = c.State;
        state.Bookmark = null;
        if (bookmark.Attempt <= activity.RetryOnUnexpectedRestart)
        {
            c.Record(activity, ActivityOutcome.Failed, ActivityReasons.RetryingAfterUnexpectedRestart, null, bookmark.Attempt, bookmark);
            Dispatch(c, activity, bookmark.Attempt + 1);
            return;
        }

        state.StepsRun++;
        SetLastAction(state, activity, -1, succeeded: false);
        c.Record(activity, ActivityOutcome.Failed, ActivityReasons.UnexpectedRestart, null, bookmark.Attempt, bookmark);
        Enter(c, Fail(c, activity, ActivityReasons.UnexpectedRestart));
    }

    private void OnConditionEvaluated(Context c, ConditionEvaluated evaluated)
    {
        if (Outstanding(c.State, evaluated.WorkItemId, WorkItemKind.Condition) is not { } bookmark)
        {
            return;
        }

        var activity = _definition[bookmark.ActivityIndex];
        c.State.Bookmark = null;
        c.Output.Accepted = true;
        if (evaluated.Error is { } error)
        {
            var reason = $"{ActivityReasons.ConditionError}: {error}";
            c.Record(activity, ActivityOutcome.Failed, reason, null, 1, bookmark, condition: $"could not be evaluated on the device: {error}");
            Enter(c, Fail(c, activity, reason));
            return;
        }

        var evaluation = evaluated.Explanation ?? $"evaluated on the device: {(evaluated.Result ? "true" : "false")}";
        if (!evaluated.Result)
        {
            c.Record(activity, ActivityOutcome.Skipped, ActivityReasons.Condition, null, 1, bookmark, condition: evaluation);
            Enter(c, NextAfter(activity.Index));
            return;
        }

        if (c.Output.Inspects)
        {
            c.Output.HeldCondition = (activity.Index, evaluation);
        }

        Enter(c, activity.Index, conditionHolds: true);
    }

    private void OnStepTimedOut(Context c, StepTimedOut timedOut)
    {
        if (Outstanding(c.State, timedOut.WorkItemId, WorkItemKind.Step) is not { } bookmark)
        {
            return;
        }

        c.Output.Commands.Add(new CancelWorkItem(bookmark.WorkItemId));
        FinishStep(c, bookmark, _definition[bookmark.ActivityIndex], ExitCodes.TimedOut, succeeded: false, ActivityReasons.TimeOut);
    }

    private static void ApplyStepVariables(RunState state, string? stepType, IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            // Read-only (_-prefixed) variables only as the built-in step that documents them sets them.
            if (StepOutputVariables.MaySet(stepType, name))
            {
                state.Variables.Set(name, value);
            }
        }
    }

    private static bool Contains(IReadOnlyList<int> codes, int code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] == code)
            {
                return true;
            }
        }

        return false;
    }
}
