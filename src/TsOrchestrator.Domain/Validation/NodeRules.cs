using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>Rules every node follows (name, description, unique id, nesting, condition), then the step rules.</summary>
internal static class NodeRules
{
    public static void Validate(TaskSequence sequence, SettingPlatforms platforms, ProblemCollector problems)
    {
        var firstPathById = new Dictionary<string, string>(StringComparer.Ordinal);
        // Nothing below the first group too deep is looked at: that group is the problem, and the paths of a tree
        // built deeper in memory would cost their length once per node.
        foreach (var (path, node) in NodePath.Walk(sequence.Nodes ?? [], maxDepth: SequenceLimits.MaxGroupDepth + 1))
        {
            if (node is null)
            {
                problems.Error(path, "", "is empty (null node)");
                continue;
            }

            // Reported once, at the first group past the limit: what is below it is too deep as well.
            if (node is GroupNode && NodePath.DepthOf(path) == SequenceLimits.MaxGroupDepth + 1)
            {
                problems.Error(path, "nesting", SequenceLimits.TooDeepGroups);
            }

            SequenceValidator.ValidateName(path, node.Name, problems, warnAboveEditorLength: true);
            problems.MaxLength(path, "description", node.Description, SequenceValidator.MaxDescriptionLength);

            if (!string.IsNullOrEmpty(node.Id) && !firstPathById.TryAdd(node.Id, path))
            {
                problems.Error(path, "id", $"'{node.Id}' is already the id of node {firstPathById[node.Id]}; node ids must be unique");
            }

            if (node.Condition is { } condition)
            {
                ConditionRules.Validate(path, "condition", condition, problems);
            }

            if (node is StepNode step)
            {
                StepRules.Validate(path, step, sequence, platforms, problems);
            }
        }
    }
}
