namespace TsOrchestrator.Domain.Conditions;

/// <summary>Folder properties: exists, and optionally a timestamp comparison.</summary>
public sealed record FolderCondition : Condition
{
    public required string Path { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public ConditionOperator TimestampOperator { get; init; } = ConditionOperator.Equals;

    public override bool NeedsDevice => true;
}
