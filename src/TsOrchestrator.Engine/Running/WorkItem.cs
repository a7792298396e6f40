using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Running;

/// <summary>One unit of work for the device's agent. Its id makes results idempotent.</summary>
public sealed record WorkItem
{
    public required string Id { get; init; }
    public required WorkItemKind Kind { get; init; }

    /// <summary>Path of the activity this work item belongs to.</summary>
    public required string Path { get; init; }

    public required string Name { get; init; }
    public string? StepType { get; init; }

    /// <summary>Settings with <c>%Var%</c> expanded, except secret settings, which only the device expands.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = NoSettings;

    public IReadOnlyList<int> SuccessCodes { get; init; } = DefaultSuccessCodes;
    public int? TimeoutMinutes { get; init; }

    /// <summary>1 for the first attempt; higher after retries following unexpected restarts.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The condition to evaluate (condition work items).</summary>
    public Condition? Condition { get; init; }

    /// <summary>The values of the variables the condition reads (condition work items).</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    // Shared defaults: an initialiser runs for every work item, even when the engine sets the property,
    // so a fresh collection here was two allocations thrown away per dispatch.
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();
    private static readonly IReadOnlyList<int> DefaultSuccessCodes = [0];
}
