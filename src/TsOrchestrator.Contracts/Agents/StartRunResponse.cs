namespace TsOrchestrator.Contracts.Agents;

/// <summary>The run started for an available deployment.</summary>
public sealed record StartRunResponse
{
    public required string RunId { get; init; }
}
