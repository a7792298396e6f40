using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Decides whether a sequence is high-impact (TS-SEMANTICS 5): its flag is set, or it contains an enabled
/// step of a type the catalog marks high-impact (Format and Partition Disk, Apply Operating System Image,
/// Apply Data Image, Upgrade Operating System, Setup Operating System).
/// </summary>
public static class HighImpactAnalysis
{
    public static HighImpactAssessment Analyze(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var steps = new List<HighImpactStep>();
        Collect(sequence.Nodes ?? [], "", steps);
        return new HighImpactAssessment(sequence.UserNotification?.HighImpact ?? false, steps);
    }

    // Not NodePath.Walk: a disabled group disables its whole subtree, so the walk must stop at it. An explicit stack:
    // the input decides the depth.
    private static void Collect(IReadOnlyList<TaskSequenceNode> nodes, string parentPath, List<HighImpactStep> steps)
    {
        var stack = new Stack<(IReadOnlyList<TaskSequenceNode> Nodes, string ParentPath, int Next)>();
        stack.Push((nodes, parentPath, 0));
        while (stack.Count > 0)
        {
            var (siblings, parent, next) = stack.Pop();
            if (next >= siblings.Count)
            {
                continue;
            }

            stack.Push((siblings, parent, next + 1));
            var node = siblings[next];
            if (node is null || node.Disabled)
            {
                continue;
            }

            var path = NodePath.Child(parent, next);
            switch (node)
            {
                case GroupNode group:
                    stack.Push((group.Children ?? [], path, 0));
                    break;
                case StepNode { Type: { } type } step when StepCatalog.Find(type) is { HighImpact: true } descriptor:
                    steps.Add(new HighImpactStep(path, step.Name, descriptor.TypeId));
                    break;
            }
        }
    }
}
