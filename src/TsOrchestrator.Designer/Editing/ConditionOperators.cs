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

    /// <summary>The operator as the console names it (the words <see cref="ConditionText"/> describes conditions with).</summary>
    public static string Text(ConditionOperator op) => ConditionText.OperatorName(op);
}
