using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Compilation;

/// <summary>
/// One node of a compiled workflow. Activities are stored flat in depth-first order and linked by
/// index, so the engine moves its cursor without walking or copying child lists.
/// </summary>
public sealed record Activity
{
    /// <summary>Position in <see cref="WorkflowDefinition.Activities"/> (depth-first order).</summary>
    public required int Index { get; init; }

    /// <summary>Enclosing group's index, or -1 under the root.</summary>
    public required int Parent { get; init; }

    /// <summary>The next sibling's index, or -1 for the last child.</summary>
    public int NextSibling { get; internal set; } = -1;

    /// <summary>The first child's index (always <c>Index + 1</c> when there is one), or -1.</summary>
    public int FirstChild { get; internal set; } = -1;

    public required string Path { get; init; }
    public required string Name { get; init; }

    /// <summary>The node's description (shown beside it in exports such as Elsa's).</summary>
    public string? Description { get; init; }

    public required ActivityKind Kind { get; init; }
    public bool Disabled { get; init; }
    public bool ContinueOnError { get; init; }
    public Condition? Condition { get; init; }

    /// <summary>Names of the variables the condition reads (sent with device-side condition work items).</summary>
    public IReadOnlyList<string> ConditionVariables { get; init; } = [];

    /// <summary>Step catalog type id (steps, restarts, set-variable, child sequences).</summary>
    public string? StepType { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = EmptySettings;

    /// <summary>Settings marked secret: never expanded by the engine, only on the device.</summary>
    public IReadOnlySet<string> SecretSettings { get; init; } = EmptyNames;

    public IReadOnlyList<int> SuccessCodes { get; init; } = [0];
    public bool HasExitCode { get; init; }
    public bool RestartsOnExitCode3010 { get; init; }
    public int? TimeoutMinutes { get; init; }
    public int RetryOnUnexpectedRestart { get; init; }

    /// <summary>Variables a child sequence seeds when it starts (never overriding values already set).</summary>
    public IReadOnlyDictionary<string, string> SeedVariables { get; init; } = EmptySettings;

    /// <summary>
    /// Set when the activity cannot run at all (a disabled or missing child sequence): entering it fails,
    /// even with continue-on-error.
    /// </summary>
    public string? CompileTimeFailure { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> EmptySettings = new Dictionary<string, string>();
    internal static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();
}
