using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// Secret step settings (passwords) and the values Set Dynamic Variables rules mark secret never leave the server:
/// reads show a placeholder, and a save that sends the placeholder back keeps the stored value of the same step.
/// </summary>
public static class SecretMasking
{
    public const string Placeholder = "********";

    public static TaskSequence Mask(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return sequence with
        {
            Nodes = Rewrite(sequence.Nodes, "", (_, _, _, value) => value.Length == 0 ? value : Placeholder,
                (_, _, rules) => DynamicVariableSecretValues.Rewrite(rules, (_, _, value) => value.Length == 0 ? value : Placeholder)),
        };
    }

    /// <summary>Replaces placeholders in <paramref name="incoming"/> with the values stored in <paramref name="stored"/>.</summary>
    public static TaskSequence Restore(TaskSequence incoming, TaskSequence? stored)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null)
        {
            return incoming;
        }

        var previous = NodePath.Walk(stored.Nodes)
            .Where(p => p.Node is StepNode)
            .GroupBy(p => Key(p.Path, p.Node))
            .ToDictionary(g => g.Key, g => (StepNode)g.First().Node, StringComparer.Ordinal);
        return incoming with
        {
            Nodes = Rewrite(incoming.Nodes, "", (path, step, name, value) =>
                value == Placeholder && previous.TryGetValue(Key(path, step), out var old) &&
                old.Type == step.Type && old.Settings.TryGetValue(name, out var kept)
                    ? kept
                    : value,
                (path, step, rules) =>
                {
                    if (!rules.Contains(Placeholder, StringComparison.Ordinal) || !previous.TryGetValue(Key(path, step), out var old) || old.Type != step.Type ||
                        !old.Settings.TryGetValue(DynamicVariableSecretValues.RulesSetting, out var oldRules))
                    {
                        return rules;
                    }

                    // A rule keeps its stored secret by position and name: rules are edited as a list, like steps without ids.
                    var kept = DynamicVariableSecretValues.Find(oldRules).ToDictionary(v => (v.Rule, v.Name.ToUpperInvariant()), v => v.Value);
                    return DynamicVariableSecretValues.Rewrite(rules, (rule, name, value) =>
                        value == Placeholder && kept.TryGetValue((rule, name.ToUpperInvariant()), out var stored) ? stored : value);
                }),
        };
    }

    // Designer-assigned ids follow a step wherever it moves; without one, the path is the best identity.
    private static string Key(string path, TaskSequenceNode node) => node.Id is { Length: > 0 } id ? "id:" + id : "path:" + path;

    private static List<TaskSequenceNode> Rewrite(IReadOnlyList<TaskSequenceNode> nodes, string parentPath,
        Func<string, StepNode, string, string, string> secretValue, Func<string, StepNode, string, string> dynamicRules)
    {
        var result = new List<TaskSequenceNode>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = NodePath.Child(parentPath, i);
            result.Add(nodes[i] switch
            {
                GroupNode group => group with { Children = Rewrite(group.Children, path, secretValue, dynamicRules) },
                StepNode { Type: StepTypeIds.SetDynamicVariables } step when step.Settings.TryGetValue(DynamicVariableSecretValues.RulesSetting, out var rules) =>
                    step with
                    {
                        Settings = new Dictionary<string, string>(step.Settings, StringComparer.OrdinalIgnoreCase)
                        {
                            [DynamicVariableSecretValues.RulesSetting] = dynamicRules(path, step, rules),
                        },
                    },
                StepNode step when StepCatalog.Find(step.Type) is { } type && type.Settings.Any(s => s.Secret) =>
                    step with
                    {
                        Settings = step.Settings.ToDictionary(
                            p => p.Key,
                            p => type.FindSetting(p.Key) is { Secret: true } ? secretValue(path, step, p.Key, p.Value) : p.Value,
                            StringComparer.OrdinalIgnoreCase),
                    },
                var other => other,
            });
        }

        return result;
    }
}
