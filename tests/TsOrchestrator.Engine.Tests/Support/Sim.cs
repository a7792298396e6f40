using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;

namespace TsOrchestrator.Engine.Tests.Support;

/// <summary>Runs a sequence in the simulator with scripted outcomes by step name or path.</summary>
internal static class Sim
{
    public static SimulationResult Run(TaskSequence sequence, params (string Step, object Outcome)[] outcomes) =>
        Run(sequence, new Dictionary<string, string>(), null, outcomes);

    public static SimulationResult Run(TaskSequence sequence, IReadOnlyDictionary<string, string> variables,
        ITaskSequenceResolver? children, params (string Step, object Outcome)[] outcomes)
    {
        var scripted = outcomes.ToDictionary(
            o => o.Step,
            o => (IReadOnlyList<StepOutcome>)(o.Outcome is object[] list ? [.. list.Select(ToOutcome)] : [ToOutcome(o.Outcome)]),
            StringComparer.OrdinalIgnoreCase);
        return Simulator.Run(sequence, new SimulationScenario { Outcomes = scripted, Variables = variables }, children);
    }

    private static StepOutcome ToOutcome(object value) => value switch
    {
        int code => StepOutcome.Exit(code),
        "unexpected-restart" => new StepOutcome { Kind = StepOutcomeKind.UnexpectedRestart },
        "timeout" => new StepOutcome { Kind = StepOutcomeKind.Timeout },
        StepOutcome outcome => outcome,
        _ => throw new ArgumentException($"unknown outcome {value}"),
    };

    /// <summary>The history as "name:Outcome" words, easy to compare in assertions.</summary>
    public static string[] Trace(this SimulationResult result) =>
        [.. result.History.Select(r => $"{r.Name}:{r.Outcome}")];

    public static string[] Ran(this SimulationResult result) =>
        [.. result.History.Where(r => r.Outcome != ActivityOutcome.Skipped).Select(r => r.Name)];
}
