namespace TsOrchestrator.Domain.Conditions;

/// <summary>A test of a task sequence variable (names are case-insensitive). Evaluated by the engine.</summary>
public sealed record VariableCondition : Condition
{
    public required string Variable { get; init; }
    public ConditionOperator Operator { get; init; } = ConditionOperator.Equals;

    /// <summary>The value to compare with; unused by exists / notExists.</summary>
    public string? Value { get; init; }

    public override bool NeedsDevice => false;
}
