using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Tests.Conditions;

public sealed class ValueComparisonRegressionTests
{
    [Theory]
    [InlineData("10.0", "10.0.0", 0)]
    [InlineData("10.0.19045", "10.0.19045.0", 0)]
    [InlineData("10.0.19045", "10.0.19045.1", -1)]
    public void Versions_with_fewer_parts_compare_as_if_padded_with_zeros(string left, string right, int sign)
    {
        // Regression: System.Version ranks 10.0 below 10.0.0, so "equals 10.0.19045.0" failed on 10.0.19045.
        Math.Sign(ValueComparison.Order(left, right)).ShouldBe(sign);
        Math.Sign(ValueComparison.Order(right, left)).ShouldBe(-sign);
    }

    [Theory]
    [InlineData("1,5", "15")]
    [InlineData("1,000", "1000")]
    public void Thousands_separators_do_not_make_text_numeric(string left, string right)
    {
        // Regression: NumberStyles.Number accepted group separators anywhere, so "1,5" equalled "15".
        ValueComparison.Compare(left, ConditionOperator.Equals, right).ShouldBeFalse();
    }
}
