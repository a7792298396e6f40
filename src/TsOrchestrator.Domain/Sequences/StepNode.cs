using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>A step: one action of a type from the step catalog.</summary>
public sealed record StepNode : TaskSequenceNode
{
    /// <summary>Step catalog type id, e.g. <c>RunCommandLine</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Settings by the catalog's setting names. Values are text; <c>%Var%</c> expands at dispatch.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Exit codes that mean success; null takes the catalog default (<c>0 3010</c> for program steps).</summary>
    public IReadOnlyList<int>? SuccessCodes { get; init; }

    /// <summary>Minutes after which the running step is terminated and fails (1–999); null for no limit.</summary>
    public int? TimeoutMinutes { get; init; }

    /// <summary>Retries after an unexpected restart (1–5, 0 = off); null takes the catalog default.</summary>
    public int? RetryOnUnexpectedRestart { get; init; }

    /// <summary>Where the step may run in Configuration Manager terms; kept from imports, informational here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public StepRunIn RunIn { get; init; }

    /// <summary>The command line an imported step carried (<c>&lt;action&gt;</c>), kept so nothing is lost.</summary>
    public string? ImportedAction { get; init; }
}
