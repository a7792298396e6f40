namespace TsOrchestrator.Domain.Conditions;

/// <summary>An if-statement: All / Any / None of its conditions, nested to any depth.</summary>
public sealed record IfStatement : Condition
{
    public IfKind Kind { get; init; } = IfKind.All;

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    public override bool NeedsDevice => Conditions.Any(static c => c.NeedsDevice);

    /// <summary>An All statement over the given conditions (the implicit form of a node's condition list).</summary>
    public static IfStatement AllOf(params Condition[] conditions) => new() { Kind = IfKind.All, Conditions = conditions };

    public static IfStatement AnyOf(params Condition[] conditions) => new() { Kind = IfKind.Any, Conditions = conditions };

    public static IfStatement NoneOf(params Condition[] conditions) => new() { Kind = IfKind.None, Conditions = conditions };
}
