namespace TsOrchestrator.Contracts.Collections;

/// <summary>Set a collection or device variable (secret values are stored encrypted).</summary>
public sealed record SetVariableRequest
{
    public string? Value { get; init; }
    public bool Secret { get; init; }
}
