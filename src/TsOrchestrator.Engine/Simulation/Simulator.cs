using System.Globalization;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>
/// Drives the engine against a scripted device: the fastest test harness, and a way for a designer
/// to try a sequence without a lab machine.
/// </summary>
public static class Simulator
{
    /// <summary>Guards against scenarios that never end (nothing in the engine loops, but scenarios are input).</summary>
    private const int MaxEvents = 1_000_000;

    /// <summary>The exit code an agent reports for a step its handler could not run (refused, failed to start).</summary>
    public const int HandlerFailedExitCode = -1;

    public static SimulationResult Run(TaskSequence sequence, SimulationScenario scenario, ITaskSequenceResolver? children = null, CapabilityProfile? profile = null) =>
        Run(WorkflowCompiler.Compile(sequence, children), scenario, profile);

    /// <summary>
    /// Runs the definition on the scenario's device; with <paramref name="profile"/>, a step or device-side condition
    /// that agent would refuse fails as it would on the device, with the agent's own message.
    /// </summary>
    public static SimulationResult Run(WorkflowDefinition definition, SimulationScenario scenario, CapabilityProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(scenario);
        var engine = new RunEngine(definition);
        var state = engine.NewRun("simulation");
        var device = new ScenarioDevice(scenario.Facts);
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var history = new List<ActivityRecord>();
        var workItems = new List<WorkItem>();
        var transition = new Transition();
        string? postAction = null;

        var pending = new Queue<RunEvent>();
        pending.Enqueue(new StartRun { Variables = StartVariables(scenario) });
        var events = 0;
        while (pending.TryDequeue(out var next))
        {
            if (++events > MaxEvents)
            {
                throw new InvalidOperationException($"simulation did not finish within {MaxEvents} events");
            }

            engine.Apply(state, next, transition);
            history.AddRange(transition.Records);
            foreach (var command in transition.Commands)
            {
                switch (command)
                {
                    case DispatchWorkItem dispatch:
                        workItems.Add(dispatch.WorkItem);
                        pending.Enqueue(Refuse(dispatch.WorkItem, profile) ?? Respond(dispatch.WorkItem, scenario, device, attempts));
                        break;
                    case CompleteRun complete:
                        postAction = complete.PostAction;
                        break;
                }
            }
        }

        return new SimulationResult
        {
            Status = state.Status,
            History = history,
            Variables = state.Variables,
            FinalState = state,
            WorkItems = workItems,
            PostAction = postAction,
        };
    }

    private static Dictionary<string, string> StartVariables(SimulationScenario scenario)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["_SMSTSMachineName"] = scenario.Facts.Hostname,
            ["_SMSTSInWinPE"] = scenario.Facts.InWinPE ? "true" : "false",
            ["_SMSTSBootUEFI"] = scenario.Facts.BootUefi ? "true" : "false",
            ["_SMSTSLaunchMode"] = "Simulation",
        };
        foreach (var (name, value) in scenario.Variables)
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>The answer of an agent of <paramref name="profile"/> that cannot run the work item, or null when it can.</summary>
    private static RunEvent? Refuse(WorkItem item, CapabilityProfile? profile)
    {
        if (profile is null)
        {
            return null;
        }

        if (item.Kind == WorkItemKind.Condition && item.Condition is { } condition &&
            ConditionKinds.In(condition).FirstOrDefault(k => !profile.CanEvaluate(k)) is { } kind)
        {
            return new ConditionEvaluated { WorkItemId = item.Id, Error = profile.ConditionRefusal(kind) };
        }

        var stepType = item.Kind == WorkItemKind.Restart ? item.StepType ?? Domain.Catalog.StepTypeIds.RestartComputer : item.StepType;
        return item.Kind != WorkItemKind.Condition && stepType is not null && !profile.CanRun(stepType)
            ? new WorkItemCompleted { WorkItemId = item.Id, ExitCode = HandlerFailedExitCode, Succeeded = false, Message = profile.Refusal(stepType) }
            : null;
    }

    private static RunEvent Respond(WorkItem item, SimulationScenario scenario, IDeviceState device, Dictionary<string, int> attempts)
    {
        switch (item.Kind)
        {
            case WorkItemKind.Condition:
                try
                {
                    var result = ConditionEvaluator.Evaluate(item.Condition!, item.Variables ?? new Dictionary<string, string>(), device);
                    return new ConditionEvaluated { WorkItemId = item.Id, Result = result ?? false };
                }
                catch (ConditionEvaluationException e)
                {
                    return new ConditionEvaluated { WorkItemId = item.Id, Error = e.Message };
                }

            case WorkItemKind.Restart:
                return new DeviceRestarted { Expected = true, WorkItemId = item.Id };
        }

        var outcome = NextOutcome(item, scenario, attempts);
        return outcome.Kind switch
        {
            StepOutcomeKind.UnexpectedRestart => new DeviceRestarted { Expected = false, WorkItemId = item.Id },
            StepOutcomeKind.Timeout => new StepTimedOut { WorkItemId = item.Id },
            _ => new WorkItemCompleted { WorkItemId = item.Id, ExitCode = outcome.ExitCode, VariablesSet = outcome.Variables },
        };
    }

    private static StepOutcome NextOutcome(WorkItem item, SimulationScenario scenario, Dictionary<string, int> attempts)
    {
        var key = scenario.Outcomes.ContainsKey(item.Path) ? item.Path : item.Name;
        if (!scenario.Outcomes.TryGetValue(key, out var scripted))
        {
            return StepOutcome.Exit(scenario.DefaultExitCode);
        }

        // Attempts are counted per path, so a step name scripted once applies to each step of that name.
        attempts.TryGetValue(item.Path, out var used);
        attempts[item.Path] = used + 1;
        return used < scripted.Count ? scripted[used] : StepOutcome.Exit(scenario.DefaultExitCode);
    }

    /// <summary>Formats an exit code as ConfigMgr logs do when it is an HRESULT, else in decimal.</summary>
    public static string FormatExitCode(int exitCode) =>
        exitCode < 0 ? "0x" + exitCode.ToString("X8", CultureInfo.InvariantCulture) : exitCode.ToString(CultureInfo.InvariantCulture);
}
