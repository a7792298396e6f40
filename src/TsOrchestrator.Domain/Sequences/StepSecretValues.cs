using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// Every secret value a step holds: the catalog's secret settings (passwords, a PIN) and the values its Set Dynamic
/// Variables rules mark secret (<see cref="DynamicVariableSecretValues"/>). One walk for whoever must transform them
/// all, such as the server sealing them before they are stored.
/// </summary>
public static class StepSecretValues
{
    /// <summary>
    /// The sequence with each secret value of each step replaced by what <paramref name="replace"/> gives for
    /// (value, expanded on the server). A Set Dynamic Variables value is expanded by the server at dispatch, unlike a
    /// secret setting, which only the device expands: a caller that hides values from the server must leave those that
    /// hold a <c>%Var%</c> reference as they are. Steps and groups that did not change are kept as they were.
    /// </summary>
    public static TaskSequence Rewrite(TaskSequence sequence, Func<string, bool, string> replace)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(replace);
        var nodes = Rewrite(sequence.Nodes, replace);
        return ReferenceEquals(nodes, sequence.Nodes) ? sequence : sequence with { Nodes = nodes };
    }

    /// <summary>As <see cref="Rewrite(TaskSequence, Func{string, bool, string})"/>, for one step's settings by its type id.</summary>
    public static IReadOnlyDictionary<string, string> Rewrite(string? stepType, IReadOnlyDictionary<string, string> settings, Func<string, bool, string> replace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(replace);
        if (stepType is null || StepCatalog.Find(stepType) is not { } type)
        {
            return settings;
        }

        Dictionary<string, string>? rewritten = null;
        foreach (var (name, value) in settings)
        {
            var next = type.FindSetting(name) is { Secret: true } ? replace(value, false)
                : type.TypeId == StepTypeIds.SetDynamicVariables && string.Equals(name, DynamicVariableSecretValues.RulesSetting, StringComparison.OrdinalIgnoreCase)
                    ? DynamicVariableSecretValues.Rewrite(value, (_, _, secret) => replace(secret, true))
                    : value;
            if (!string.Equals(next, value, StringComparison.Ordinal))
            {
                rewritten ??= new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
                rewritten[name] = next;
            }
        }

        return rewritten ?? settings;
    }

    private static IReadOnlyList<TaskSequenceNode> Rewrite(IReadOnlyList<TaskSequenceNode> nodes, Func<string, bool, string> replace)
    {
        List<TaskSequenceNode>? rewritten = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            TaskSequenceNode next = nodes[i] switch
            {
                GroupNode group when Rewrite(group.Children, replace) is var children && !ReferenceEquals(children, group.Children) => group with { Children = children },
                StepNode step when Rewrite(step.Type, step.Settings, replace) is var settings && !ReferenceEquals(settings, step.Settings) => step with { Settings = settings },
                var same => same,
            };
            if (!ReferenceEquals(next, nodes[i]))
            {
                rewritten ??= [.. nodes];
                rewritten[i] = next;
            }
        }

        return rewritten ?? nodes;
    }
}
