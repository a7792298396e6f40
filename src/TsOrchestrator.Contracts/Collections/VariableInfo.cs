namespace TsOrchestrator.Contracts.Collections;

/// <summary>A collection or device variable; a secret's value is never returned.</summary>
public sealed record VariableInfo
{
    public required string Name { get; init; }
    public string? Value { get; init; }
    public bool Secret { get; init; }
}
