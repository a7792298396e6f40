using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class NodeRulesTests
{
    [Fact]
    public void Node_name_is_required()
    {
        var result = SequenceValidator.Validate(Sequence(Group("Setup", CommandLine(name: ""))));

        result.ShouldHaveError("0/0", "name");
    }

    [Fact]
    public void Node_name_longer_than_100_characters_is_an_error()
    {
        SequenceValidator.Validate(Sequence(CommandLine(name: new string('n', 101)))).ShouldHaveError("0", "name");
    }

    [Fact]
    public void Node_name_longer_than_50_characters_warns_that_the_editor_stops_at_50()
    {
        var result = SequenceValidator.Validate(Sequence(CommandLine(name: new string('n', 51))));

        result.ShouldHaveWarning("0", "name").Message.ShouldContain("the Configuration Manager editor stops at 50");
        result.IsValid.ShouldBeTrue();
        SequenceValidator.Validate(Sequence(CommandLine(name: new string('n', 50)))).ShouldHaveNoProblems();
    }

    [Fact]
    public void Node_description_longer_than_255_characters_is_an_error()
    {
        var result = SequenceValidator.Validate(Sequence(Group("G") with { Description = new string('d', 256) }));

        result.ShouldHaveError("0", "description");
    }

    [Fact]
    public void Node_ids_must_be_unique_and_the_problem_names_the_first_holder()
    {
        var result = SequenceValidator.Validate(Sequence(
            CommandLine() with { Id = "a1" },
            Group("G", CommandLine() with { Id = "b2" }, CommandLine() with { Id = "a1" })));

        result.ShouldHaveError("1/1", "id").Message.ShouldContain("node 0");
        result.Problems.Count.ShouldBe(1);
    }

    [Fact]
    public void Nodes_without_ids_do_not_clash()
    {
        SequenceValidator.Validate(Sequence(CommandLine(), CommandLine(), Group("G", CommandLine()))).ShouldHaveNoProblems();
    }

    [Fact]
    public void Problems_deep_in_groups_carry_the_node_path()
    {
        var result = SequenceValidator.Validate(Sequence(
            CommandLine(),
            CommandLine(),
            Group("Outer", Group("Inner", CommandLine(), CommandLine(), CommandLine(), CommandLine(name: "")))));

        result.ShouldHaveError("2/0/3", "name");
    }
}
