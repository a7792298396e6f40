using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Takes every secret out of a sequence before it is exported (TS-SEMANTICS 7): the catalog's secret step settings
/// and the values Set Dynamic Variables rules mark secret. Each becomes the placeholder, which validation reports
/// as a password to re-enter, and is listed so the import can say where.
/// </summary>
public static class SecretStripping
{
    private const string RulesSetting = DynamicVariableSecretValues.RulesSetting;

    public static (TaskSequence Sequence, IReadOnlyList<StrippedSecret> Stripped) Strip(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var stripped = new List<StrippedSecret>();
        return (sequence with { Nodes = Rewrite(sequence.Nodes, "", stripped) }, stripped);
    }

    private static List<TaskSequenceNode> Rewrite(IReadOnlyList<TaskSequenceNode> nodes, string parentPath, List<StrippedSecret> stripped)
    {
        var result = new List<TaskSequenceNode>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = NodePath.Child(parentPath, i);
            result.Add(nodes[i] switch
            {
                GroupNode group => group with { Children = Rewrite(group.Children, path, stripped) },
                StepNode step when StepCatalog.Find(step.Type) is { } type => StripStep(path, step, type, stripped),
                var other => other,
            });
        }

        return result;
    }

    private static StepNode StripStep(string path, StepNode step, StepTypeDescriptor type, List<StrippedSecret> stripped)
    {
        var settings = new Dictionary<string, string>(step.Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step.Settings)
        {
            if (type.FindSetting(name) is { Secret: true } && value.Length > 0)
            {
                settings[name] = SecretMasking.Placeholder;
                stripped.Add(new StrippedSecret { Path = path, StepName = step.Name, Field = $"settings.{name}" });
            }
            else if (type.TypeId == StepTypeIds.SetDynamicVariables && string.Equals(name, RulesSetting, StringComparison.OrdinalIgnoreCase))
            {
                settings[name] = StripRules(path, step, value, stripped);
            }
        }

        return step with { Settings = settings };
    }

    private static string StripRules(string path, StepNode step, string rules, List<StrippedSecret> stripped) =>
        DynamicVariableSecretValues.Rewrite(rules, (rule, name, _) =>
        {
            stripped.Add(new StrippedSecret { Path = path, StepName = step.Name, Field = $"settings.{RulesSetting}[{rule}].set.{name}" });
            return SecretMasking.Placeholder;
        });
}
