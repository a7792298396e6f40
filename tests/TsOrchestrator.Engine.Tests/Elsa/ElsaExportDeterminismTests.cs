using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

public sealed class ElsaExportDeterminismTests
{
    [Fact]
    public void Two_exports_of_the_same_version_are_byte_identical()
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var first = ElsaWorkflowExporter.ExportToUtf8(RandomSequences.Create(seed));
            var second = ElsaWorkflowExporter.ExportToUtf8(RandomSequences.Create(seed));

            second.ShouldBe(first, $"seed {seed}");
        }
    }

    [Fact]
    public void Activity_ids_are_unique_and_follow_node_paths_so_an_edit_keeps_the_ids_before_it()
    {
        var before = SequenceBuilder.Sequence(s => s.Step("A").Group("G", g => g.Step("B").Step("C")));
        var after = before with
        {
            Version = 2,
            Nodes = [.. before.Nodes, new StepNode { Name = "D", Type = before.Nodes[0] is StepNode a ? a.Type : "", Condition = SequenceBuilder.When("X", ConditionOperator.Exists) }],
        };

        var first = Export(before);
        var second = Export(after);

        var ids = Descendants(second.GetProperty("root")).Select(a => a.GetProperty("id").GetString()).ToList();
        ids.Distinct(StringComparer.Ordinal).Count().ShouldBe(ids.Count);
        ids.ShouldAllBe(id => id!.Length == 16);
        foreach (var path in new[] { "0", "1", "1/0", "1/1" })
        {
            ByPath(second, path).GetProperty("id").GetString().ShouldBe(ByPath(first, path).GetProperty("id").GetString(), path);
        }

        second.GetProperty("root").GetProperty("id").GetString().ShouldBe(first.GetProperty("root").GetProperty("id").GetString());
        second.GetProperty("id").GetString().ShouldBe($"{before.Id}-v2");
    }

    [Fact]
    public void Random_sequences_export_one_activity_per_compiled_node_in_the_compiled_order()
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var sequence = RandomSequences.Create(seed);
            var compiled = Compilation.WorkflowCompiler.Compile(sequence);

            var document = Export(sequence);

            NodeActivities(document).Select(Path).ShouldBe(compiled.Activities.Select(a => a.Path), $"seed {seed}");
            Descendants(document.GetProperty("root")).Count(a => Kind(a) == "condition")
                .ShouldBe(compiled.Activities.Count(a => a.Condition is not null), $"seed {seed}");
        }
    }
}
