using System.Text.RegularExpressions;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Content;

namespace TsOrchestrator.Server.Exchange;

/// <summary>What a sequence names by id (packages, its boot image, child sequences), and rewriting those ids on import.</summary>
public static class SequenceReferences
{
    /// <summary>Packages: content settings, the boot image and the program that runs first.</summary>
    public static IReadOnlyList<string> Packages(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var ids = PackageReferences.Of(sequence).Keys.ToList();
        if (sequence.Advanced.RunAnotherProgramFirst?.PackageId is { Length: > 0 } first && !ids.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            ids.Add(first);
        }

        return ids;
    }

    /// <summary>Child sequences of Run Task Sequence steps.</summary>
    public static IReadOnlyList<string> Children(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var ids = new List<string>();
        foreach (var (_, node) in NodePath.Walk(sequence.Nodes))
        {
            if (node is StepNode step && StepCatalog.Find(step.Type) is { } type)
            {
                foreach (var setting in type.ContentSettings.Where(static s => s.Kind == SettingKind.TaskSequenceReference))
                {
                    if (step.Settings.TryGetValue(setting.Name, out var value) && value.Trim() is { Length: > 0 } id &&
                        !Domain.Variables.VariableExpander.HasReferences(id) && !ids.Contains(id, StringComparer.OrdinalIgnoreCase))
                    {
                        ids.Add(id);
                    }
                }
            }
        }

        return ids;
    }

    /// <summary>The sequence with every mapped id (old → new) replaced where it names content or a child sequence.</summary>
    public static TaskSequence Rewrite(TaskSequence sequence, IReadOnlyDictionary<string, string> ids)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return sequence;
        }

        var advanced = sequence.Advanced with
        {
            BootImageId = sequence.Advanced.BootImageId is { } boot ? Replace(boot, ids) : null,
            RunAnotherProgramFirst = sequence.Advanced.RunAnotherProgramFirst is { } first ? first with { PackageId = Replace(first.PackageId, ids) } : null,
        };
        return sequence with { Advanced = advanced, Nodes = RewriteNodes(sequence.Nodes, ids) };
    }

    private static List<TaskSequenceNode> RewriteNodes(IReadOnlyList<TaskSequenceNode> nodes, IReadOnlyDictionary<string, string> ids) =>
        [.. nodes.Select(node => node switch
        {
            GroupNode group => group with { Children = RewriteNodes(group.Children, ids) },
            StepNode step when StepCatalog.Find(step.Type) is { } type => step with
            {
                Settings = step.Settings.ToDictionary(
                    p => p.Key,
                    p => type.FindSetting(p.Key) is { ReferencesContent: true } ? Replace(p.Value, ids) : p.Value,
                    StringComparer.OrdinalIgnoreCase),
            },
            var other => other,
        })];

    // Ids are letters, digits, - and _; a list setting separates them with commas, semicolons or spaces, kept as they are.
    private static string Replace(string value, IReadOnlyDictionary<string, string> ids) =>
        Regex.Replace(value, "[A-Za-z0-9_-]+", m => ids.TryGetValue(m.Value, out var mapped) ? mapped : m.Value);
}
