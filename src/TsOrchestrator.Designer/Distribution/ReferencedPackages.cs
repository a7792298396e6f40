using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Distribution;

/// <summary>
/// The package ids a sequence names in its steps' content settings and its boot image, so the content status page
/// lists a package before it was ever distributed (the server's status has rows only for distributions made).
/// </summary>
public static class ReferencedPackages
{
    private static readonly char[] Separators = [',', ';', ' ', '\n', '\r', '\t'];

    public static IReadOnlyList<string> Of(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var found = new List<string>();
        if (sequence.Advanced.BootImageId is { Length: > 0 } bootImage)
        {
            found.Add(bootImage.Trim());
        }

        foreach (var (_, node) in NodePath.Walk(sequence.Nodes))
        {
            if (node is not StepNode { Type: { } type } step || StepCatalog.Find(type) is not { } descriptor)
            {
                continue;
            }

            foreach (var setting in descriptor.ContentSettings.Where(static s => s.Kind != SettingKind.TaskSequenceReference))
            {
                if (step.Settings.TryGetValue(setting.Name, out var value))
                {
                    // A %Variable% is resolved on the device at run time: not a package to list here.
                    found.AddRange(value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(v => !v.Contains('%', StringComparison.Ordinal)));
                }
            }
        }

        return [.. found.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
