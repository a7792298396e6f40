using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>Rules every node follows (name, description, unique id, condition), then the step rules.</summary>
internal static class NodeRules
{
    public static void Validate(TaskSequence sequence, ProblemCollector problems)
    {
        var firstPathById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, node) in NodePath.Walk(sequence.Nodes ?? []))
        {
            if (node is null)
            {
                problems.Error(path, "", "is empty (null node)");
                continue;
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
                StepRules.Validate(path, step, sequence, problems);
            }
        }
    }
}
