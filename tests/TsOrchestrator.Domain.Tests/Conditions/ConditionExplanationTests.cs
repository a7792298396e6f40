using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Tests.Conditions;

/// <summary>Run inspection's account of a condition: the same result as evaluating it, and the sub-condition that decided.</summary>
public sealed class ConditionExplanationTests
{
    private static readonly Dictionary<string, string> Variables = new(VariableName.Comparer) { ["OSDDisk"] = "0", ["Model"] = "X1" };

    private static VariableCondition Var(string name, ConditionOperator op, string? value = null) => new() { Variable = name, Operator = op, Value = value };

    [Fact]
    public void If_any_names_the_first_true_condition()
    {
        var verdict = ConditionEvaluator.Explain(IfStatement.AnyOf(Var("OSDDisk", ConditionOperator.Equals, "1"), Var("OSDDisk", ConditionOperator.Equals, "0")), Variables);

        verdict.ShouldBe(new ConditionVerdict(true, "If any: 2nd condition (variable OSDDisk equals 0) true"));
    }

    [Fact]
    public void If_none_names_the_condition_that_was_true()
    {
        var verdict = ConditionEvaluator.Explain(IfStatement.NoneOf(Var("Model", ConditionOperator.Exists)), Variables);

        verdict.ShouldBe(new ConditionVerdict(false, "If none: 1st condition (variable Model exists) true"));
    }

    [Fact]
    public void Nested_if_statement_explains_itself_inside_the_outer_one()
    {
        var inner = IfStatement.AnyOf(Var("Model", ConditionOperator.Like, "Z*"), Var("Missing", ConditionOperator.Exists));
        var verdict = ConditionEvaluator.Explain(IfStatement.AllOf(Var("Model", ConditionOperator.Exists), inner), Variables);

        verdict.ShouldBe(new ConditionVerdict(false, "If all: 2nd condition (If any: none of 2 conditions true) false"));
    }

    [Fact]
    public void All_conditions_holding_say_so()
    {
        var verdict = ConditionEvaluator.Explain(IfStatement.AllOf(Var("Model", ConditionOperator.Exists), Var("OSDDisk", ConditionOperator.Less, "2")), Variables);

        verdict.ShouldBe(new ConditionVerdict(true, "If all: all 2 conditions true"));
    }

    [Fact]
    public void Device_condition_without_a_device_is_unknown_as_evaluate_says()
    {
        var condition = IfStatement.AllOf(new FileCondition { Path = "/etc/marker" });

        var verdict = ConditionEvaluator.Explain(condition, Variables);

        verdict.Result.ShouldBe(ConditionEvaluator.Evaluate(condition, Variables));
        verdict.Result.ShouldBeNull();
        verdict.Explanation.ShouldBe("If all: needs the device");
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(22, "22nd")]
    public void Ordinals_read_as_english(int number, string text) => ConditionText.Ordinal(number).ShouldBe(text);
}
