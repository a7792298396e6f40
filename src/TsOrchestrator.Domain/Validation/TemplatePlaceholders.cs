using System.Text.RegularExpressions;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// The Create wizard's templates name their packages PKG00001 to PKG00009, as Configuration Manager's samples do: a
/// package the site never makes (its ids are PKG and eight hex digits). A reference that still holds one is reported,
/// so the editor and <c>tsorch validate</c> say which package to choose before the sequence is deployed.
/// </summary>
internal static partial class TemplatePlaceholders
{
    public static void Validate(string path, string field, StepSettingDescriptor setting, string value, ProblemCollector problems)
    {
        if (setting.Kind is not (SettingKind.PackageReference or SettingKind.PackageReferenceList or SettingKind.OperatingSystemImageReference
            or SettingKind.OperatingSystemUpgradeReference or SettingKind.DriverPackageReference))
        {
            return;
        }

        foreach (var reference in value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Placeholder().IsMatch(reference))
            {
                problems.Warning(path, field, $"{setting.DisplayName}: {reference} is the template's placeholder: choose the package");
            }
        }
    }

    [GeneratedRegex("^PKG0000[1-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
