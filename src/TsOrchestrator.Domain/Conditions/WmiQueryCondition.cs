namespace TsOrchestrator.Domain.Conditions;

/// <summary>True when the WQL query returns at least one instance (Windows).</summary>
public sealed record WmiQueryCondition : Condition
{
    public string Namespace { get; init; } = @"root\cimv2";
    public required string Query { get; init; }

    /// <summary>Treat a failing query as false instead of failing the evaluation.</summary>
    public bool IgnoreQueryFailure { get; init; }

    public override bool NeedsDevice => true;
}
