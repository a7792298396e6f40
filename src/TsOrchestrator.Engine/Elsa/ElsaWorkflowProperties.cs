using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>The definition's <c>customProperties</c>: where the workflow came from and what its expressions need.</summary>
public sealed record ElsaWorkflowProperties
{
    [JsonPropertyName("TsOrchestrator:SequenceId")]
    public required string SequenceId { get; init; }

    [JsonPropertyName("TsOrchestrator:SequenceVersion")]
    public required int SequenceVersion { get; init; }

    /// <summary>SHA-256 of the sequence and its child sequences in the native format (the compiled definition's hash).</summary>
    [JsonPropertyName("TsOrchestrator:ContentHash")]
    public required string ContentHash { get; init; }

    /// <summary>Functions an Elsa host must provide for the If conditions that test the device.</summary>
    [JsonPropertyName("TsOrchestrator:HostFunctions")]
    public IReadOnlyList<string>? HostFunctions { get; init; }
}
