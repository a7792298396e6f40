using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Tests.Variables;

public sealed class VariableExpanderTests
{
    private static readonly Dictionary<string, string> Environment = new(VariableName.Comparer)
    {
        ["OSDisk"] = "C:",
        ["Model"] = "Latitude 7440",
        ["Empty"] = "",
        ["Percent"] = "%Model%",
    };

    [Theory]
    [InlineData("%OSDisk%\\Windows", "C:\\Windows")]
    [InlineData("%osdisk%", "C:")]
    [InlineData("%OSDisk%%Model%", "C:Latitude 7440")]
    [InlineData("[%Empty%]", "[]")]
    [InlineData("no references", "no references")]
    public void References_to_known_variables_are_replaced_case_insensitively(string text, string expected)
    {
        VariableExpander.Expand(text, Environment).ShouldBe(expected);
    }

    [Theory]
    [InlineData("%Unknown%", "%Unknown%")]
    [InlineData("%Unknown%%OSDisk%", "%Unknown%C:")]
    [InlineData("100% sure", "100% sure")]
    [InlineData("%%", "%%")]
    [InlineData("%", "%")]
    public void Unknown_names_and_lone_percent_signs_stay_as_written(string text, string expected)
    {
        VariableExpander.Expand(text, Environment).ShouldBe(expected);
    }

    [Fact]
    public void An_unknown_reference_closing_percent_may_open_the_next_reference()
    {
        VariableExpander.Expand("a%b%OSDisk%", Environment).ShouldBe("a%bC:");
        VariableExpander.Expand("50% of %OSDisk%", Environment).ShouldBe("50% of C:");
    }

    [Fact]
    public void Expanded_values_are_not_expanded_again()
    {
        VariableExpander.Expand("%Percent%", Environment).ShouldBe("%Model%");
    }

    [Theory]
    [InlineData("%Var%", true)]
    [InlineData("pre %Var% post", true)]
    [InlineData("%%", false)]
    [InlineData("100%", false)]
    [InlineData("plain", false)]
    public void Has_references_finds_percent_delimited_names(string text, bool expected)
    {
        VariableExpander.HasReferences(text).ShouldBe(expected);
    }
}
