using CsCheck;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Tests.Serialization;

/// <summary>A round-trip property is only as good as what it generates: pin that the generators reach every shape.</summary>
public sealed class SequenceGeneratorsTests
{
    [Fact]
    public void Generated_sequences_cover_nested_groups_every_step_type_and_every_condition_kind()
    {
        var stepTypes = new HashSet<string>();
        var conditionKinds = new HashSet<Type>();
        var maxGroupDepth = 0;
        var maxIfDepth = 0;

        SequenceGenerators.Sequence.Sample(sequence =>
        {
            foreach (var (path, node) in NodePath.Walk(sequence.Nodes))
            {
                if (node is GroupNode)
                {
                    maxGroupDepth = Math.Max(maxGroupDepth, path.Count(static c => c == '/') + 1);
                }

                if (node is StepNode step)
                {
                    stepTypes.Add(step.Type);
                }

                if (node.Condition is { } condition)
                {
                    maxIfDepth = Math.Max(maxIfDepth, Collect(condition, conditionKinds));
                }
            }
        }, iter: 500, threads: 1);

        stepTypes.Count.ShouldBe(StepCatalog.All.Count);
        conditionKinds.Count.ShouldBe(9);
        maxGroupDepth.ShouldBeGreaterThanOrEqualTo(3);
        maxIfDepth.ShouldBeGreaterThanOrEqualTo(3);
    }

    private static int Collect(Condition condition, HashSet<Type> kinds)
    {
        kinds.Add(condition.GetType());
        return condition is IfStatement statement ? 1 + statement.Conditions.Select(c => Collect(c, kinds)).DefaultIfEmpty(0).Max() : 0;
    }
}
