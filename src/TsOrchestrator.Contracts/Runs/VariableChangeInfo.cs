namespace TsOrchestrator.Contracts.Runs;

/// <summary>A variable a step changed: <c>Added</c>, <c>Changed</c> or <c>Removed</c>, secret values masked.</summary>
public sealed record VariableChangeInfo
{
    public required string Name { get; init; }
    public required string Change { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}
