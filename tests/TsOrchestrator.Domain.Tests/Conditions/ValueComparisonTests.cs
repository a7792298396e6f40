using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Tests.Conditions;

public sealed class ValueComparisonTests
{
    [Theory]
    [InlineData("Latitude 7440", "Latitude*", true)]
    [InlineData("Latitude 7440", "latitude*", true)]
    [InlineData("Latitude 7440", "*7440", true)]
    [InlineData("Latitude 7440", "*tude*", true)]
    [InlineData("Latitude 7440", "Latitude 74?0", true)]
    [InlineData("Latitude 7440", "Latitude 74?", false)]
    [InlineData("Latitude 7440", "Precision*", false)]
    [InlineData("", "*", true)]
    [InlineData("", "", true)]
    [InlineData("a", "", false)]
    [InlineData("abcabd", "*abd", true)]
    [InlineData("aaa", "a*a*a", true)]
    [InlineData("aa", "a*a*a", false)]
    [InlineData("HP EliteBook 840 G9", "HP*840*G?", true)]
    public void Like_matches_star_and_question_mark_wildcards_ignoring_case(string value, string pattern, bool expected)
    {
        ValueComparison.Like(value, pattern).ShouldBe(expected);
        ValueComparison.Compare(value, ConditionOperator.Like, pattern).ShouldBe(expected);
    }

    [Theory]
    [InlineData("9", "10", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("010", "10", 0)]
    [InlineData("-1", "0", -1)]
    [InlineData("2.5", "10", -1)]
    public void Numbers_compare_as_numbers(string left, string right, int sign)
    {
        Math.Sign(ValueComparison.Order(left, right)).ShouldBe(sign);
    }

    [Theory]
    [InlineData("10.0.9", "10.0.10", -1)]
    [InlineData("10.0.19045", "10.0.22631", -1)]
    [InlineData("6.1.7601.0", "10.0.0.0", -1)]
    [InlineData("10.0.22631.1", "10.0.22631.1", 0)]
    public void Dotted_versions_compare_part_by_part(string left, string right, int sign)
    {
        Math.Sign(ValueComparison.Order(left, right)).ShouldBe(sign);
    }

    [Theory]
    [InlineData("abc", "ABC", 0)]
    [InlineData("abc", "abd", -1)]
    [InlineData("10", "abc", -1)]
    [InlineData("10.0.1", "10.0.x", -1)]
    public void Anything_else_compares_as_case_insensitive_text(string left, string right, int sign)
    {
        Math.Sign(ValueComparison.Order(left, right)).ShouldBe(sign);
    }

    [Theory]
    [InlineData("5", ConditionOperator.Equals, "5", true)]
    [InlineData("Yes", ConditionOperator.Equals, "yes", true)]
    [InlineData("5", ConditionOperator.NotEquals, "6", true)]
    [InlineData("10", ConditionOperator.Greater, "9", true)]
    [InlineData("10", ConditionOperator.GreaterEqual, "10", true)]
    [InlineData("9", ConditionOperator.Less, "10", true)]
    [InlineData("9", ConditionOperator.LessEqual, "9", true)]
    [InlineData("9", ConditionOperator.Greater, "10", false)]
    public void Operators_apply_the_ordering(string left, ConditionOperator op, string right, bool expected)
    {
        ValueComparison.Compare(left, op, right).ShouldBe(expected);
    }

    [Theory]
    [InlineData("10.0", true)]
    [InlineData("10.00.0000.0", true)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("10", false)]
    [InlineData("10..0", false)]
    [InlineData("10.a", false)]
    [InlineData("-1.0", false)]
    public void Versions_have_two_to_four_numeric_parts(string text, bool valid)
    {
        ValueComparison.TryParseVersion(text, out _).ShouldBe(valid);
    }
}
