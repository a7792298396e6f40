using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Designer.Editing;

/// <summary>The operators each condition form offers, named as the console names them.</summary>
public static class ConditionOperators
{
    /// <summary>Every operator: variable and registry conditions test existence, compare and match wildcards.</summary>
    public static IReadOnlyList<ConditionOperator> All { get; } = Enum.GetValues<ConditionOperator>();

    /// <summary>Ordering comparisons: versions and timestamps.</summary>
    public static IReadOnlyList<ConditionOperator> Comparisons { get; } =
    [
        ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.Greater, ConditionOperator.GreaterEqual,
        ConditionOperator.Less, ConditionOperator.LessEqual,
    ];

    /// <summary>Language names are compared as text, or matched with wildcards (<c>en-*</c>).</summary>
    public static IReadOnlyList<ConditionOperator> Language { get; } = [ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.Like];

    public static string Text(ConditionOperator op) => op switch
    {
        ConditionOperator.Exists => "exists",
        ConditionOperator.NotExists => "does not exist",
        ConditionOperator.Equals => "equals",
        ConditionOperator.NotEquals => "not equals",
        ConditionOperator.Greater => "greater than",
        ConditionOperator.GreaterEqual => "greater than or equals",
        ConditionOperator.Less => "less than",
        ConditionOperator.LessEqual => "less than or equals",
        ConditionOperator.Like => "like",
        _ => op.ToString(),
    };
}
