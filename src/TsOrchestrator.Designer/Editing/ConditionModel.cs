using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// An editable condition: an If statement (All/Any/None over children) or a variable test. Other condition
/// kinds (files, registry, WMI, ...) are kept exactly as loaded and shown as a summary.
/// </summary>
public sealed class ConditionModel
{
    public ConditionModelKind Kind { get; init; }
    public IfKind IfKind { get; set; } = IfKind.All;
    public List<ConditionModel> Children { get; } = [];
    public string Variable { get; set; } = "";
    public ConditionOperator Operator { get; set; } = ConditionOperator.Equals;
    public string Value { get; set; } = "";

    /// <summary>A condition of a kind this builder does not edit, kept as it was.</summary>
    public Condition? Kept { get; init; }

    public static ConditionModel NewIf(IfKind kind = IfKind.All) => new() { Kind = ConditionModelKind.If, IfKind = kind };

    public static ConditionModel NewVariable() => new() { Kind = ConditionModelKind.Variable };

    public static ConditionModel From(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        switch (condition)
        {
            case IfStatement statement:
                var model = NewIf(statement.Kind);
                model.Children.AddRange(statement.Conditions.Select(From));
                return model;
            case VariableCondition variable:
                return new ConditionModel
                {
                    Kind = ConditionModelKind.Variable, Variable = variable.Variable, Operator = variable.Operator, Value = variable.Value ?? "",
                };
            default:
                return new ConditionModel { Kind = ConditionModelKind.Kept, Kept = condition };
        }
    }

    public Condition ToCondition() => Kind switch
    {
        ConditionModelKind.If => new IfStatement { Kind = IfKind, Conditions = [.. Children.Select(c => c.ToCondition())] },
        ConditionModelKind.Variable => new VariableCondition
        {
            Variable = Variable.Trim(),
            Operator = Operator,
            Value = Operator is ConditionOperator.Exists or ConditionOperator.NotExists ? null : Value,
        },
        _ => Kept!,
    };

    /// <summary>How many conditions this one counts, itself included.</summary>
    public int Count => Kind == ConditionModelKind.If ? 1 + Children.Sum(c => c.Count) : 1;
}
