namespace TsOrchestrator.Domain.Conditions;

/// <summary>File properties: exists, and optionally version and timestamp comparisons.</summary>
public sealed record FileCondition : Condition
{
    /// <summary>Path on the device; <c>%Var%</c> references expand before evaluation.</summary>
    public required string Path { get; init; }

    public string? Version { get; init; }
    public ConditionOperator VersionOperator { get; init; } = ConditionOperator.Equals;
    public DateTimeOffset? Timestamp { get; init; }
    public ConditionOperator TimestampOperator { get; init; } = ConditionOperator.Equals;

    public override bool NeedsDevice => true;
}
