using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Tests.Variables;

public sealed class VariableNameTests
{
    [Theory]
    [InlineData("OSDComputerName", true)]
    [InlineData("_SMSTSLastActionSucceeded", true)]
    [InlineData("my-var_2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("%Ref%", false)]
    [InlineData("naïve", false)]
    public void Names_are_letters_digits_underscore_and_dash(string name, bool valid)
    {
        VariableName.IsValid(name).ShouldBe(valid);
    }

    [Fact]
    public void Names_are_at_most_256_characters()
    {
        VariableName.IsValid(new string('a', 256)).ShouldBeTrue();
        VariableName.IsValid(new string('a', 257)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Target", true)]
    [InlineData("_Target", false)]
    [InlineData("1Target", false)]
    [InlineData("-Target", false)]
    public void User_names_start_with_a_letter(string name, bool valid)
    {
        VariableName.IsValidUserName(name).ShouldBe(valid);
    }

    [Fact]
    public void Underscore_names_are_read_only()
    {
        VariableName.IsReadOnly("_SMSTSPackageID").ShouldBeTrue();
        VariableName.IsReadOnly("SMSTSPostAction").ShouldBeFalse();
    }

    [Fact]
    public void The_comparer_ignores_case()
    {
        VariableName.Comparer.Equals("OSDisk", "osdisk").ShouldBeTrue();
    }
}
