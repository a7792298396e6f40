using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// An activity's <c>customProperties</c>: what Elsa has no input for — the node's path and kind, continue-on-error,
/// disabled, retries, time-out, success codes and, on an If, the condition as the sequence states it.
/// </summary>
public sealed record ElsaActivityProperties
{
    /// <summary>Elsa writes both on every activity; nothing here starts a workflow or runs detached.</summary>
    public bool CanStartWorkflow { get; init; }

    public bool RunAsynchronously { get; init; }

    /// <summary>The node's path in the compiled sequence (<c>2/0/3</c>); the activity's id is derived from it.</summary>
    [JsonPropertyName("TsOrchestrator:Path")]
    public string? Path { get; init; }

    /// <summary><c>root</c>, <c>group</c>, <c>step</c>, <c>restart</c>, <c>setVariable</c>, <c>runChildSequence</c> or <c>condition</c>.</summary>
    [JsonPropertyName("TsOrchestrator:Kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("TsOrchestrator:StepType")]
    public string? StepType { get; init; }

    [JsonPropertyName("TsOrchestrator:Disabled")]
    public bool? Disabled { get; init; }

    [JsonPropertyName("TsOrchestrator:ContinueOnError")]
    public bool? ContinueOnError { get; init; }

    [JsonPropertyName("TsOrchestrator:SuccessCodes")]
    public IReadOnlyList<int>? SuccessCodes { get; init; }

    [JsonPropertyName("TsOrchestrator:TimeoutMinutes")]
    public int? TimeoutMinutes { get; init; }

    [JsonPropertyName("TsOrchestrator:RetryOnUnexpectedRestart")]
    public int? RetryOnUnexpectedRestart { get; init; }

    /// <summary>On an If: the node's condition tree (All/Any/None nesting kept) in the native format.</summary>
    [JsonPropertyName("TsOrchestrator:Condition")]
    public Condition? Condition { get; init; }

    /// <summary>Secret settings the step has that were left out (passwords are never exported).</summary>
    [JsonPropertyName("TsOrchestrator:OmittedSecrets")]
    public IReadOnlyList<string>? OmittedSecrets { get; init; }

    /// <summary>Secret values inside a setting that were masked (<c>Rules: JoinPassword</c>).</summary>
    [JsonPropertyName("TsOrchestrator:MaskedSecrets")]
    public IReadOnlyList<string>? MaskedSecrets { get; init; }

    /// <summary>Inputs whose name is not the setting's camelCase name (it would clash with Elsa's own keys), to the setting.</summary>
    [JsonPropertyName("TsOrchestrator:RenamedInputs")]
    public IReadOnlyDictionary<string, string>? RenamedInputs { get; init; }

    /// <summary>Why entering the activity fails at once (a missing or disabled child sequence).</summary>
    [JsonPropertyName("TsOrchestrator:CompileTimeFailure")]
    public string? CompileTimeFailure { get; init; }
}
