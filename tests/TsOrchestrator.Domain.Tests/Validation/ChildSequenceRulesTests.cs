using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class ChildSequenceRulesTests
{
    private static TaskSequence Child(string id, params TaskSequenceNode[] nodes) => Sequence(nodes) with { Id = id, Name = $"Child {id}" };

    [Fact]
    public void Run_task_sequence_needs_a_child_id()
    {
        SequenceValidator.Validate(Sequence(RunSequence(""))).ShouldHaveError("0", "settings.TsPackageID");
    }

    [Fact]
    public void Run_task_sequence_of_the_sequence_itself_is_an_error()
    {
        var result = SequenceValidator.Validate(Sequence(Group("G", RunSequence(SequenceId.ToLowerInvariant()))));

        result.ShouldHaveError("0/0", "settings.TsPackageID").Message.ShouldContain("itself");
    }

    [Fact]
    public void Missing_child_is_an_error_naming_the_child()
    {
        var result = SequenceValidator.Validate(Sequence(RunSequence("TS200001")), new DictionaryResolver());

        result.ShouldHaveError("0", "settings.TsPackageID").Message.ShouldBe("task sequence TS200001 not found");
    }

    [Fact]
    public void Missing_grandchild_is_reported_on_the_step_that_leads_to_it()
    {
        var resolver = new DictionaryResolver(Child("TS200001", RunSequence("TS300001")));

        var result = SequenceValidator.Validate(Sequence(CommandLine(), RunSequence("TS200001")), resolver);

        result.ShouldHaveError("1", "settings.TsPackageID").Message.ShouldContain("task sequence TS300001 not found");
    }

    [Fact]
    public void Disabled_child_is_a_warning()
    {
        var resolver = new DictionaryResolver(Child("TS200001") with { Enabled = false });

        var result = SequenceValidator.Validate(Sequence(RunSequence("TS200001")), resolver);

        result.ShouldHaveWarning("0", "settings.TsPackageID").Message.ShouldContain("disabled");
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Cycle_through_children_is_an_error_naming_the_chain()
    {
        var resolver = new DictionaryResolver(
            Child("TS200001", RunSequence("TS300001")),
            Child("TS300001", RunSequence(SequenceId)));

        var result = SequenceValidator.Validate(Sequence(RunSequence("TS200001")), resolver);

        result.ShouldHaveError("0", "settings.TsPackageID").Message.ShouldContain($"{SequenceId} → TS200001 → TS300001 → {SequenceId}");
    }

    [Fact]
    public void Cycle_among_children_not_including_the_root_is_an_error()
    {
        var resolver = new DictionaryResolver(
            Child("TS200001", RunSequence("TS300001")),
            Child("TS300001", RunSequence("TS200001")));

        var result = SequenceValidator.Validate(Sequence(RunSequence("TS200001")), resolver);

        result.ShouldHaveError("0", "settings.TsPackageID").Message.ShouldContain("TS200001 → TS300001 → TS200001");
    }

    [Fact]
    public void Shared_children_are_followed_once_and_not_mistaken_for_cycles()
    {
        var resolver = new DictionaryResolver(
            Child("TS200001", RunSequence("TS400001")),
            Child("TS300001", RunSequence("TS400001")),
            Child("TS400001"));

        var result = SequenceValidator.Validate(Sequence(RunSequence("TS200001"), RunSequence("TS300001"), RunSequence("TS400001")), resolver);

        result.ShouldHaveNoProblems();
        resolver.Lookups.ShouldBe(3);
    }

    [Fact]
    public void Child_referenced_by_a_variable_is_resolved_only_at_run_time()
    {
        var resolver = new DictionaryResolver();

        SequenceValidator.Validate(Sequence(RunSequence("%ChildSequence%")), resolver).ShouldHaveNoProblems();
        resolver.Lookups.ShouldBe(0);
    }
}
