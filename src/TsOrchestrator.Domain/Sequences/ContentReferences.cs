using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// The site content a sequence names by id: its steps' package, image, driver and application settings, its boot image
/// and the program that runs first. Child sequences are not content (see <see cref="ITaskSequenceResolver"/>); a
/// <c>%Variable%</c> reference is only known at run time and is left out, and so is a path (the Linux agent applies an
/// image from a file or share path as well as from a package), which no site id contains.
/// </summary>
public static class ContentReferences
{
    private static readonly char[] ListSeparators = [',', ';', ' ', '\n', '\r', '\t'];

    private static readonly ContentKind[] AnyButApplication =
    [
        ContentKind.Package, ContentKind.OperatingSystemImage, ContentKind.OperatingSystemUpgradePackage, ContentKind.BootImage, ContentKind.DriverPackage,
    ];

    /// <summary>Every reference in node order, the sequence's properties first.</summary>
    public static IEnumerable<ContentReference> Of(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var advanced = sequence.Advanced ?? new AdvancedProperties();
        if (advanced.BootImageId is { } boot && Usable(boot) is { } bootId)
        {
            yield return new ContentReference("", "advanced.bootImageId", "Properties", bootId, [ContentKind.BootImage], NameOf(ContentKind.BootImage));
        }

        if (advanced.RunAnotherProgramFirst?.PackageId is { } first && Usable(first) is { } firstId)
        {
            yield return new ContentReference("", "advanced.runAnotherProgramFirst.packageId", "Run another program first", firstId, [ContentKind.Package], NameOf(ContentKind.Package));
        }

        foreach (var (path, node) in NodePath.Walk(sequence.Nodes ?? [], maxDepth: SequenceLimits.MaxGroupDepth + 1))
        {
            if (node is not StepNode { Type: { } type } step || step.Settings is not { } settings || StepCatalog.Find(type) is not { } descriptor)
            {
                continue;
            }

            var owner = string.IsNullOrWhiteSpace(step.Name) ? descriptor.DisplayName : step.Name;
            foreach (var setting in descriptor.ContentSettings)
            {
                if (Expected(setting.Kind) is not { } expected || !settings.TryGetValue(setting.Name, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                var name = setting.Kind == SettingKind.PackageReferenceList ? "package" : NameOf(expected[0]);
                foreach (var id in value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(static v => !VariableExpander.HasReferences(v) && !IsPath(v)))
                {
                    yield return new ContentReference(path, $"settings.{setting.Name}", owner, id, expected, name);
                }
            }
        }
    }

    /// <summary>What the console calls a kind of content.</summary>
    public static string NameOf(ContentKind kind) => kind switch
    {
        ContentKind.Package => "package",
        ContentKind.OperatingSystemImage => "OS image",
        ContentKind.OperatingSystemUpgradePackage => "OS upgrade package",
        ContentKind.BootImage => "boot image",
        ContentKind.DriverPackage => "driver package",
        ContentKind.Application => "application",
        _ => kind.ToString(),
    };

    // Download Package Content takes any distributable content as Configuration Manager's does; the other settings one kind.
    private static ContentKind[]? Expected(SettingKind kind) => kind switch
    {
        SettingKind.PackageReference => [ContentKind.Package],
        SettingKind.PackageReferenceList => AnyButApplication,
        SettingKind.ApplicationReferenceList => [ContentKind.Application],
        SettingKind.OperatingSystemImageReference => [ContentKind.OperatingSystemImage],
        SettingKind.OperatingSystemUpgradeReference => [ContentKind.OperatingSystemUpgradePackage],
        SettingKind.DriverPackageReference => [ContentKind.DriverPackage],
        SettingKind.BootImageReference => [ContentKind.BootImage],
        _ => null,
    };

    private static string? Usable(string value) =>
        value.Trim() is { Length: > 0 } id && !VariableExpander.HasReferences(id) && !IsPath(id) ? id : null;

    private static bool IsPath(string value) => value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal);
}
