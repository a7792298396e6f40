using System.Globalization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Variables;
using TsOrchestrator.Engine.Compilation;

namespace TsOrchestrator.Engine.Running;

/// <summary>
/// The deterministic run state machine: <c>(RunState, RunEvent) → (RunState', commands, history records)</c>.
/// No clock, randomness or I/O: the same definition, state and events always give the same result.
/// The state is advanced in place (the host owns it and persists it after each transition).
/// </summary>
public sealed partial class RunEngine
{
    private const int RunFailed = -2;
    private readonly WorkflowDefinition _definition;

    public RunEngine(WorkflowDefinition definition)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
    }

    public WorkflowDefinition Definition => _definition;

    /// <summary>A new run pinned to this engine's definition.</summary>
    public RunState NewRun(string runId) => new() { RunId = runId, DefinitionHash = _definition.ContentHash };

    public Transition Apply(RunState state, RunEvent runEvent)
    {
        var transition = new Transition();
        Apply(state, runEvent, transition);
        return transition;
    }

    /// <summary>Applies an event, writing commands and records into <paramref name="output"/> (cleared first).</summary>
    public void Apply(RunState state, RunEvent runEvent, Transition output)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(runEvent);
        ArgumentNullException.ThrowIfNull(output);
        if (!string.Equals(state.DefinitionHash, _definition.ContentHash, StringComparison.Ordinal))
        {
            throw new RunEventRejectedException(
                $"run {state.RunId} is pinned to definition {state.DefinitionHash}, not {_definition.ContentHash}");
        }

        output.Clear();
        var context = new Context(state, output, runEvent.At);
        state.Variables.Journal = output.Inspects ? output.Journal : null;
        try
        {
            Handle(context, runEvent);
            context.Prelude();
        }
        finally
        {
            state.Variables.Journal = null;
        }

        if (output.Accepted)
        {
            state.Version++;
        }
    }

    private void Handle(Context context, RunEvent runEvent)
    {
        switch (runEvent)
        {
            case StartRun start:
                Start(context, start);
                break;
            case WorkItemCompleted completed:
                OnWorkItemCompleted(context, completed);
                break;
            case ConditionEvaluated evaluated:
                OnConditionEvaluated(context, evaluated);
                break;
            case DeviceRestarted restarted:
                OnDeviceRestarted(context, restarted);
                break;
            case StepTimedOut timedOut:
                OnStepTimedOut(context, timedOut);
                break;
            case CancelRun:
                Stop(context, RunStatus.Cancelled, ActivityReasons.Cancelled);
                break;
            case RunTimedOut:
                Stop(context, RunStatus.TimedOut, ActivityReasons.RunTimedOut);
                break;
            case ResumeRun resume:
                Resume(context, resume);
                break;
            default:
                throw new RunEventRejectedException($"unknown event {runEvent.GetType().Name}");
        }
    }

    private void Start(Context c, StartRun start)
    {
        if (c.State.Status != RunStatus.NotStarted)
        {
            return; // a repeated start changes nothing
        }

        var variables = c.State.Variables;
        foreach (var (name, value) in _definition.Variables)
        {
            variables.Set(name, value);
        }

        foreach (var (name, value) in start.Variables)
        {
            variables.Set(name, value);
        }

        variables.Set(BuiltInVariables.PackageId, _definition.SequenceId);
        variables.Set(BuiltInVariables.PackageName, _definition.SequenceName);
        c.State.Status = RunStatus.Running;
        c.Output.Accepted = true;
        c.Prelude();
        Enter(c, 0);
    }

    /// <summary>Runs activities from <paramref name="index"/> until one waits on the device or the run ends.</summary>
    private void Enter(Context c, int index, bool conditionHolds = false)
    {
        var state = c.State;
        while (true)
        {
            if (index == RunFailed)
            {
                Complete(c, RunStatus.Failed);
                return;
            }

            if (index >= _definition.EndIndex)
            {
                Complete(c, RunStatus.Succeeded);
                return;
            }

            var activity = _definition[index];
            if (activity.Disabled)
            {
                c.Record(activity, ActivityOutcome.Skipped, ActivityReasons.Disabled);
                index = NextAfter(index);
                continue;
            }

            if (activity.Condition is { } condition && !conditionHolds)
            {
                // Inspecting, the same evaluation also says which sub-condition decided.
                var verdict = c.Output.Inspects ? ConditionEvaluator.Explain(condition, state.Variables) : null;
                var result = verdict is null ? ConditionEvaluator.Evaluate(condition, state.Variables) : verdict.Result;
                if (result is null)
                {
                    DispatchCondition(c, activity);
                    return;
                }

                if (!result.Value)
                {
                    c.Record(activity, ActivityOutcome.Skipped, ActivityReasons.Condition, condition: verdict?.Explanation);
                    index = NextAfter(index);
                    continue;
                }

                if (verdict is not null)
                {
                    c.Output.HeldCondition = (activity.Index, verdict.Explanation);
                }
            }

            conditionHolds = false;
            if (activity.CompileTimeFailure is { } failure)
            {
                // A disabled or missing child sequence fails its step even with continue-on-error.
                SetLastAction(state, activity, -1, succeeded: false);
                c.Record(activity, ActivityOutcome.Failed, failure);
                index = Fail(c, activity, failure, ignoreContinueOnError: true);
                continue;
            }

            switch (activity.Kind)
            {
                case ActivityKind.Group:
                case ActivityKind.RunChildSequence:
                    SeedChildVariables(state, activity);
                    index = activity.FirstChild >= 0 ? activity.FirstChild : NextAfter(index);
                    continue;
                case ActivityKind.SetVariable:
                    index = RunSetVariable(c, activity);
                    continue;
                default:
                    Dispatch(c, activity, attempt: 1);
                    return;
            }
        }
    }

    /// <summary>The index that runs after the subtree at <paramref name="index"/> completes.</summary>
    private int NextAfter(int index)
    {
        while (index >= 0)
        {
            var activity = _definition[index];
            if (activity.NextSibling >= 0)
            {
                return activity.NextSibling;
            }

            index = activity.Parent;
        }

        return _definition.EndIndex;
    }

    /// <summary>
    /// Failure propagation: continue after the failing node when it continues on error, else end
    /// each enclosing group in turn until one continues on error; past the root the run fails.
    /// </summary>
    private int Fail(Context c, Activity activity, string reason, bool ignoreContinueOnError = false)
    {
        c.State.StepsFailed++;
        if (activity.ContinueOnError && !ignoreContinueOnError)
        {
            return NextAfter(activity.Index);
        }

        c.State.FailedPath = activity.Path;
        c.State.FailureReason = reason;
        for (var parent = activity.Parent; parent >= 0; parent = _definition[parent].Parent)
        {
            if (_definition[parent].ContinueOnError)
            {
                return NextAfter(parent);
            }
        }

        return RunFailed;
    }

    private static void Complete(Context c, RunStatus status)
    {
        var state = c.State;
        state.Status = status;
        state.Bookmark = null;
        if (status == RunStatus.Succeeded)
        {
            state.FailedPath = null;
            state.FailureReason = null;
        }

        var postAction = status is RunStatus.Succeeded or RunStatus.Failed
            ? state.Variables.GetValueOrDefault(BuiltInVariables.PostAction)
            : null;
        c.Output.Commands.Add(new CompleteRun(status, postAction));
        c.Output.Accepted = true;
    }

    private static void SetLastAction(RunState state, Activity activity, int exitCode, bool succeeded)
    {
        state.Variables.Set(BuiltInVariables.LastActionName, activity.Name);
        state.Variables.Set(BuiltInVariables.LastActionRetCode, exitCode.ToString(CultureInfo.InvariantCulture));
        state.Variables.Set(BuiltInVariables.LastActionSucceeded, succeeded ? "true" : "false");
    }

    private static void SeedChildVariables(RunState state, Activity activity)
    {
        // Only child sequences seed variables; skipping the empty case saves a boxed enumerator per group entered.
        if (activity.SeedVariables.Count == 0)
        {
            return;
        }

        foreach (var (name, value) in activity.SeedVariables)
        {
            if (!state.Variables.ContainsKey(name))
            {
                state.Variables.Set(name, value);
            }
        }
    }

    private int RunSetVariable(Context c, Activity activity)
    {
        var state = c.State;
        state.Variables.Set(BuiltInVariables.CurrentActionName, activity.Name);
        var name = VariableExpander.Expand(activity.Settings.GetValueOrDefault("VariableName") ?? "", state.Variables);
        var value = VariableExpander.Expand(activity.Settings.GetValueOrDefault("VariableValue") ?? "", state.Variables);
        state.StepsRun++;
        if (!VariableName.IsValidUserName(name) || VariableName.IsReadOnly(name))
        {
            SetLastAction(state, activity, 1, succeeded: false);
            c.Record(activity, ActivityOutcome.Failed, $"{ActivityReasons.ReadOnlyVariable}: '{name}' cannot be set", exitCode: 1);
            return Fail(c, activity, ActivityReasons.ReadOnlyVariable);
        }

        state.Variables.Set(name, value);
        SetLastAction(state, activity, 0, succeeded: true);
        c.Record(activity, ActivityOutcome.Succeeded, null, exitCode: 0);
        return NextAfter(activity.Index);
    }
}
