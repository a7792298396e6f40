using System.Collections.Frozen;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Capabilities;

/// <summary>
/// What an agent of one platform in one environment can run: the step types its handlers (and its restart
/// mechanism) run and the device-side condition kinds it evaluates. Steps the engine runs itself (Set Task Sequence
/// Variable, Run Task Sequence) and engine-evaluated conditions are runnable everywhere and never listed.
/// </summary>
public sealed record CapabilityProfile
{
    public CapabilityProfile(string name, string platform, AgentEnvironment environment, IEnumerable<string> stepTypes, IEnumerable<string> conditionKinds)
    {
        ArgumentNullException.ThrowIfNull(stepTypes);
        ArgumentNullException.ThrowIfNull(conditionKinds);
        Name = name;
        Platform = platform;
        Environment = environment;
        StepTypes = stepTypes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        ConditionKinds = conditionKinds.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary><c>linux</c>, <c>linux-boot-image</c>, <c>windows</c>, or <c>reported</c> for what one agent said.</summary>
    public string Name { get; }

    /// <summary><c>linux</c> or <c>windows</c> (or <c>macos</c> for an agent that reports it).</summary>
    public string Platform { get; }

    public AgentEnvironment Environment { get; }

    /// <summary>Step types run on the device by this agent (engine-run types are not listed).</summary>
    public IReadOnlySet<string> StepTypes { get; }

    /// <summary>Device-side condition kinds (<see cref="Capabilities.ConditionKinds"/>) this agent evaluates.</summary>
    public IReadOnlySet<string> ConditionKinds { get; }

    /// <summary>Platform and environment as messages name them: <c>linux full-os</c>.</summary>
    public string Where => $"{Platform} {AgentEnvironments.Name(Environment)}";

    /// <summary>True when a step of this type runs here: the engine runs it, or this agent has it.</summary>
    public bool CanRun(string stepType)
    {
        ArgumentNullException.ThrowIfNull(stepType);
        return RunsInEngine(stepType) || StepTypes.Contains(stepType);
    }

    /// <summary>True when a condition of this kind is evaluated here: by the engine, or by this agent.</summary>
    public bool CanEvaluate(string conditionKind) =>
        Capabilities.ConditionKinds.EvaluatedByEngine.Contains(conditionKind, StringComparer.Ordinal) || ConditionKinds.Contains(conditionKind);

    /// <summary>The message an agent of this profile fails a step of this type with; simulate and validation say the same.</summary>
    public string Refusal(string? stepType) => RefusalOn(stepType, Where);

    /// <summary>The message a step of this type is refused with on <paramref name="where"/> (<c>linux full-os</c>).</summary>
    public static string RefusalOn(string? stepType, string where)
    {
        var name = stepType is not null && StepCatalog.Find(stepType) is { } descriptor ? $"{descriptor.DisplayName} ({stepType})" : stepType ?? "(none)";
        return $"step type {name} is not supported on {where}";
    }

    /// <summary>The message an agent of this profile answers a condition of this kind with.</summary>
    public string ConditionRefusal(string conditionKind) => $"{conditionKind} conditions are not supported on {Where}";

    /// <summary>Steps the engine runs on the server and never dispatches to a device handler.</summary>
    public static bool RunsInEngine(string stepType) =>
        StepCatalog.Find(stepType) is { } descriptor && (descriptor.RunsInEngine || descriptor.RunsChildSequence);
}
