namespace TsOrchestrator.Domain.Conditions;

/// <summary>Operating system UI language test (e.g. <c>en-US</c>).</summary>
public sealed record OsLanguageCondition : Condition
{
    public ConditionOperator Operator { get; init; } = ConditionOperator.Equals;
    public required string Language { get; init; }

    public override bool NeedsDevice => true;
}
