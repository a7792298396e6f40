using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Tests.Variables;

public sealed class VariableExpanderRegressionTests
{
    [Theory]
    [InlineData("%%Var%")]
    [InlineData("100%%Var%")]
    public void Has_references_agrees_with_expand_after_an_empty_pair(string text)
    {
        // Regression: HasReferences looked only at the first pair of %, so it said no while Expand expanded %Var%.
        VariableExpander.Expand(text, new Dictionary<string, string> { ["Var"] = "x" }).ShouldNotBe(text);
        VariableExpander.HasReferences(text).ShouldBeTrue();
    }
}
