using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>
/// A scripted device for <c>tsorch simulate</c>: its facts, starting variables, and the outcome of
/// steps by path or name: a list gives successive attempts, after which the default exit code applies.
/// </summary>
public sealed record SimulationScenario
{
    public DeviceFacts Facts { get; init; } = new();
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Outcomes by step path (e.g. <c>0/2</c>) or step name; the path wins.</summary>
    [JsonConverter(typeof(StepOutcomesConverter))]
    public IReadOnlyDictionary<string, IReadOnlyList<StepOutcome>> Outcomes { get; init; } =
        new Dictionary<string, IReadOnlyList<StepOutcome>>();

    /// <summary>Exit code of every step attempt the outcomes do not script.</summary>
    public int DefaultExitCode { get; init; }
}
