using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Server.Content;

/// <summary>The packages a task sequence needs on distribution points: what its steps' content settings name, and its boot image.</summary>
public static class PackageReferences
{
    private static readonly char[] ListSeparators = [',', ';', ' ', '\n', '\r', '\t'];

    /// <summary>Package id → the first place naming it (a node path and setting, or <c>properties.bootImageId</c>).</summary>
    public static IReadOnlyDictionary<string, string> Of(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (sequence.Advanced.BootImageId is { Length: > 0 } bootImage)
        {
            found.TryAdd(bootImage.Trim(), "properties.bootImageId");
        }

        foreach (var (path, node) in NodePath.Walk(sequence.Nodes))
        {
            if (node is not StepNode { Type: { } type } step || StepCatalog.Find(type) is not { } descriptor)
            {
                continue;
            }

            // Child sequences are distributed on their own; their ids are not packages.
            foreach (var setting in descriptor.ContentSettings.Where(static s => s.Kind != SettingKind.TaskSequenceReference))
            {
                if (!step.Settings.TryGetValue(setting.Name, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                // A %Variable% reference is only known at run time, as Configuration Manager's dynamic package lists.
                foreach (var id in value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                             .Where(static v => !VariableExpander.HasReferences(v)))
                {
                    found.TryAdd(id, $"{path}.{setting.Name}");
                }
            }
        }

        return found;
    }
}
