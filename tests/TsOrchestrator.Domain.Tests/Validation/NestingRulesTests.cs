using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Issue 14 item 3: validation holds the readers' nesting limits for sequences built any other way, and walks any depth without recursion.</summary>
public sealed class NestingRulesTests
{
    private static TaskSequenceNode Nested(int groups, TaskSequenceNode inner)
    {
        var node = inner;
        for (var i = 0; i < groups; i++)
        {
            node = Build.Group("g", node);
        }

        return node;
    }

    private static Condition NestedIf(int ifStatements)
    {
        Condition condition = Build.Variable("A");
        for (var i = 0; i < ifStatements; i++)
        {
            condition = IfStatement.AllOf(condition);
        }

        return condition;
    }

    [Fact]
    public void Groups_nested_to_the_limit_are_valid()
    {
        SequenceValidator.Validate(Build.Sequence(Nested(SequenceLimits.MaxGroupDepth, Build.CommandLine()))).ShouldHaveNoProblems();
    }

    [Fact]
    public void Group_past_the_limit_is_reported_once_at_the_first_group_too_deep()
    {
        var result = SequenceValidator.Validate(Build.Sequence(Nested(SequenceLimits.MaxGroupDepth + 3, Build.CommandLine())));

        var path = string.Join('/', Enumerable.Repeat("0", SequenceLimits.MaxGroupDepth + 1));
        result.ShouldHaveError(path, "nesting").Message.ShouldBe(SequenceLimits.TooDeepGroups);
        result.Problems.Count(p => p.Field == "nesting").ShouldBe(1);
    }

    [Fact]
    public void Sequence_nested_100000_groups_deep_is_validated_without_recursion()
    {
        // Built in memory, not read: only validation stands between such a sequence and the rest of the server.
        var result = SequenceValidator.Validate(Build.Sequence(Nested(100_000, Build.CommandLine())));

        result.Problems.Count(p => p.Field == "nesting").ShouldBe(1);
    }

    [Fact]
    public void Condition_past_the_limit_is_reported_naming_the_limit()
    {
        var valid = SequenceValidator.Validate(Build.Sequence(Build.CommandLine().WithCondition(NestedIf(SequenceLimits.MaxConditionDepth))));
        valid.ShouldHaveNoProblems();

        var result = SequenceValidator.Validate(Build.Sequence(Build.CommandLine().WithCondition(NestedIf(SequenceLimits.MaxConditionDepth + 1))));

        var field = "condition" + string.Concat(Enumerable.Repeat(".conditions[0]", SequenceLimits.MaxConditionDepth));
        result.ShouldHaveError("0", field).Message.ShouldBe(SequenceLimits.TooDeepConditions);
    }
}
