using TsOrchestrator.Designer.Editing;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Tests.Editing;

/// <summary>The editor's model without a browser: moves, drops and where problems land.</summary>
public sealed class EditorDocumentTests
{
    private static EditorDocument Document() => EditorDocument.From(SequenceBuilder.With("Doc",
        SequenceBuilder.Command("A", "a"),
        new GroupNode { Name = "G", Children = [SequenceBuilder.Command("B", "b"), SequenceBuilder.Command("C", "c")] },
        SequenceBuilder.Command("D", "d")) with { Id = "DOC" });

    private static string Shape(EditorDocument document) =>
        string.Join(" ", document.Visible().Select(v => new string('>', v.Depth) + v.Node.Name));

    [Fact]
    public void Moving_up_the_first_of_a_group_takes_it_out_before_the_group()
    {
        var document = Document();
        document.MoveUp(document.All().Single(n => n.Name == "B")).ShouldBeTrue();
        Shape(document).ShouldBe("A B G >C D");
    }

    [Fact]
    public void Moving_down_the_last_of_a_group_takes_it_out_after_the_group()
    {
        var document = Document();
        document.MoveDown(document.All().Single(n => n.Name == "C")).ShouldBeTrue();
        Shape(document).ShouldBe("A G >B C D");
    }

    [Fact]
    public void The_first_root_node_does_not_move_up()
    {
        var document = Document();
        document.MoveUp(document.Roots[0]).ShouldBeFalse();
        Shape(document).ShouldBe("A G >B >C D");
    }

    [Fact]
    public void A_drop_into_a_group_goes_first_in_it_and_a_group_cannot_be_dropped_into_itself()
    {
        var document = Document();
        var group = document.All().Single(n => n.Name == "G");
        document.MoveTo(document.All().Single(n => n.Name == "D"), group, DropPosition.Into).ShouldBeTrue();
        Shape(document).ShouldBe("A G >D >B >C");
        document.MoveTo(group, document.All().Single(n => n.Name == "B"), DropPosition.After).ShouldBeFalse();
        Shape(document).ShouldBe("A G >D >B >C");
    }

    [Fact]
    public void A_new_step_takes_its_types_defaults_and_its_missing_required_setting_is_a_problem_on_it()
    {
        var document = Document();
        var step = EditorDocument.NewStep(StepCatalog.Get(StepTypeIds.RunCommandLine));
        document.InsertAfter(step, document.Roots[0]);
        document.Validate();

        step.Settings["RunAsUser"].ShouldBe("false");
        step.Problems.ShouldContain(p => p.Field == "settings.CommandLine" && p.IsError);
        document.ErrorCount.ShouldBe(1);
    }

    [Fact]
    public void The_servers_field_errors_land_on_the_node_at_their_path()
    {
        var document = Document();
        document.ToSequence();
        document.ApplyServerErrors(new Dictionary<string, string[]> { ["nodes[1/1].settings.CommandLine"] = ["is required"], ["name"] = ["too long"] });

        document.All().Single(n => n.Name == "C").Problems.ShouldHaveSingleItem().ShouldBe(new NodeProblem("settings.CommandLine", "is required", true, true));
        document.SequenceProblems.ShouldHaveSingleItem().Field.ShouldBe("name");
    }

    [Fact]
    public void Saving_gives_every_node_an_id_and_keeps_the_condition_tree()
    {
        var document = Document();
        var step = document.All().Single(n => n.Name == "A");
        var statement = ConditionModel.NewIf(Domain.Conditions.IfKind.None);
        statement.Children.Add(new ConditionModel { Kind = ConditionModelKind.Variable, Variable = "X", Operator = Domain.Conditions.ConditionOperator.Exists, Value = "ignored" });
        step.Condition = statement;

        var saved = document.ToSequence();
        NodePath.Walk(saved.Nodes).ShouldAllBe(p => !string.IsNullOrEmpty(p.Node.Id));
        var condition = saved.Nodes[0].Condition.ShouldBeOfType<Domain.Conditions.IfStatement>();
        condition.Kind.ShouldBe(Domain.Conditions.IfKind.None);
        condition.Conditions.ShouldHaveSingleItem().ShouldBe(new Domain.Conditions.VariableCondition { Variable = "X", Operator = Domain.Conditions.ConditionOperator.Exists });
    }

    [Fact]
    public void A_duplicate_has_new_ids_and_leaves_secrets_behind()
    {
        var document = EditorDocument.From(SequenceBuilder.With("Doc", new GroupNode
        {
            Name = "G",
            Children = [SequenceBuilder.Command("As user", "whoami") with { Settings = new Dictionary<string, string> { ["CommandLine"] = "whoami", ["UserPassword"] = "********" } }],
        }) with { Id = "DOC" });
        var group = document.Roots[0];

        var copy = EditorDocument.Duplicate(group);

        copy.Id.ShouldNotBe(group.Id);
        copy.Children[0].Id.ShouldNotBe(group.Children[0].Id);
        copy.Children[0].Parent.ShouldBe(copy);
        copy.Children[0].Settings.ShouldContainKey("CommandLine");
        copy.Children[0].Settings.ShouldNotContainKey("UserPassword");
    }
}
