using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Tests.Handlers;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("--name 'two words' \"and three more\"", new[] { "--name", "two words", "and three more" })]
    [InlineData("x='' y", new[] { "x=", "y" })]
    [InlineData("''", new[] { "" })]
    public void Arguments_split_like_a_posix_shell(string text, string[] expected) =>
        CommandLineSplitter.Split(text).ShouldBe(expected);

    [Fact]
    public void Unclosed_quote_fails_the_step_with_the_text() =>
        Should.Throw<StepFailedException>(() => CommandLineSplitter.Split("a 'b")).Message.ShouldContain("unclosed ' quote");
}
