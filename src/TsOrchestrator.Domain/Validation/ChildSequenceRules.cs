using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Run Task Sequence steps followed through a resolver: children that do not exist, disabled children
/// and cycles (TS-SEMANTICS 2.17), reported on the root's step that leads to them.
/// </summary>
internal static class ChildSequenceRules
{
    /// <summary>The Run Task Sequence setting that names the child.</summary>
    public const string ChildIdSetting = "TsPackageID";

    public static void Validate(TaskSequence root, ITaskSequenceResolver? resolver, ProblemCollector problems)
    {
        if (resolver is null || string.IsNullOrWhiteSpace(root.Id))
        {
            return;
        }

        // Sequences already followed to the end: each is explored once however many steps reach it,
        // which keeps diamonds linear and reports each cycle once.
        var explored = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var chain = new List<string> { root.Id };
        foreach (var (path, childId) in ChildReferences(root))
        {
            // The root's own id is reported by the step rule (self-reference) already.
            if (!string.Equals(childId, root.Id, StringComparison.OrdinalIgnoreCase))
            {
                Follow(path, childId, chain, explored, resolver, problems);
            }
        }
    }

    private static void Follow(
        string stepPath,
        string childId,
        List<string> chain,
        HashSet<string> explored,
        ITaskSequenceResolver resolver,
        ProblemCollector problems)
    {
        var field = $"settings.{ChildIdSetting}";
        var via = chain.Count > 1 ? $" (reached through {string.Join(" → ", chain)})" : "";
        var cycleStart = chain.FindIndex(id => string.Equals(id, childId, StringComparison.OrdinalIgnoreCase));
        if (cycleStart >= 0)
        {
            var cycle = string.Join(" → ", chain.Skip(cycleStart).Append(childId));
            problems.Error(stepPath, field, $"child task sequences form a cycle: {cycle}");
            return;
        }

        if (explored.Contains(childId))
        {
            return;
        }

        var child = resolver.Find(childId);
        if (child is null)
        {
            problems.Error(stepPath, field, $"task sequence {childId} not found{via}");
            explored.Add(childId);
            return;
        }

        if (!child.Enabled)
        {
            problems.Warning(stepPath, field, $"task sequence {childId} is disabled{via}; the step fails at run time even with continue on error");
        }

        chain.Add(childId);
        foreach (var (_, grandchildId) in ChildReferences(child))
        {
            Follow(stepPath, grandchildId, chain, explored, resolver, problems);
        }

        chain.RemoveAt(chain.Count - 1);
        explored.Add(childId);
    }

    /// <summary>Child ids named by a sequence's Run Task Sequence steps; <c>%Var%</c> references are only known at run time.</summary>
    private static IEnumerable<(string Path, string ChildId)> ChildReferences(TaskSequence sequence)
    {
        foreach (var (path, node) in NodePath.Walk(sequence.Nodes ?? [], maxDepth: SequenceLimits.MaxGroupDepth + 1))
        {
            if (node is StepNode { Type: { } type } step &&
                StepCatalog.Find(type) is { RunsChildSequence: true } &&
                step.Settings is { } settings &&
                StepRules.TryGet(settings, ChildIdSetting, out var childId) &&
                !string.IsNullOrWhiteSpace(childId) &&
                !VariableExpander.HasReferences(childId))
            {
                yield return (path, childId.Trim());
            }
        }
    }
}
