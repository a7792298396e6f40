using System.Globalization;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// A step's settings against its catalog descriptor, numbered families (<c>Partitions0Size</c>) included. Any value
/// may be a <c>%Var%</c> reference: it is expanded at dispatch (TS-SEMANTICS 2.18), so its final form cannot be
/// checked here. Validated for Linux only, a setting with no Linux meaning is never required and is warned about
/// when set; otherwise Configuration Manager's rules hold.
/// </summary>
internal static class StepSettingRules
{
    /// <summary>What the designer and the importer leave in a password they could not keep.</summary>
    public const string PasswordPlaceholder = "********";

    public static void Validate(string path, StepTypeDescriptor descriptor, IReadOnlyDictionary<string, string> settings, SettingPlatforms platforms,
        ProblemCollector problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in settings.Keys)
        {
            if (!seen.Add(name))
            {
                // Possible only with a case-sensitive dictionary built in code; the native format could not be read back.
                problems.Error(path, $"settings.{name}", $"'{name}' appears twice (setting names are case-insensitive)");
            }

            if (descriptor.FindSetting(name) is null && descriptor.TypeId != StepTypeIds.ImportedStep)
            {
                if (descriptor.FindNumbered(name) is { } numbered)
                {
                    ValidateNumbered(path, name, numbered, descriptor, settings, platforms, problems);
                }
                else
                {
                    problems.Warning(path, $"settings.{name}", $"'{name}' is not a setting of {descriptor.DisplayName}");
                }
            }
        }

        foreach (var setting in descriptor.Settings)
        {
            var present = StepRules.TryGet(settings, setting.Name, out var value);
            var field = $"settings.{setting.Name}";
            if (string.IsNullOrWhiteSpace(value))
            {
                // A required setting with a catalog default is satisfied by leaving it out: the default applies.
                if (setting.Required && (present || setting.DefaultValue is null) && !IsReplaced(setting, settings)
                    && !(platforms.LinuxOnly && setting.NoMeaningOnLinux is not null))
                {
                    problems.Error(path, field, $"{setting.DisplayName} is required");
                }
            }
            else
            {
                if (!VariableExpander.HasReferences(value))
                {
                    ValidateValue(path, field, setting, value, problems);
                    TemplatePlaceholders.Validate(path, field, setting, value, problems);
                }

                WarnNoMeaningOnLinux(path, field, setting, value, platforms, problems);
            }

            if (setting.Secret)
            {
                ValidateSecret(path, field, descriptor, setting, value, settings, problems);
            }
        }
    }

    /// <summary>
    /// A member of a numbered family: a known member, its value of the member's kind, its index within the step's
    /// count (an element past it is never read, so a value there is a mistake worth a warning).
    /// </summary>
    private static void ValidateNumbered(string path, string name, NumberedSetting numbered, StepTypeDescriptor descriptor,
        IReadOnlyDictionary<string, string> settings, SettingPlatforms platforms, ProblemCollector problems)
    {
        var field = $"settings.{name}";
        var family = numbered.Family;
        if (numbered.Member is not { } member)
        {
            problems.Warning(path, field, $"'{name}' is not a setting of {descriptor.DisplayName} (a {family.ElementName}'s settings are {family.Shape})");
            return;
        }

        if (numbered.Index >= family.MaxCount)
        {
            problems.Error(path, field, $"{family.ElementName} {numbered.Index} is past the most {descriptor.DisplayName} takes ({family.MaxCount}, numbered from 0)");
            return;
        }

        if (family.CountSetting is { } countSetting && StepRules.TryGet(settings, countSetting, out var countText)
            && int.TryParse(countText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && numbered.Index >= count)
        {
            problems.Warning(path, field, $"{family.ElementName} {numbered.Index} is past the count ({countSetting} = {count}, numbered from 0): the step never reads it");
        }

        if (StepRules.TryGet(settings, name, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            if (!VariableExpander.HasReferences(value))
            {
                ValidateValue(path, field, member, value, problems);
            }

            WarnNoMeaningOnLinux(path, field, member, value, platforms, problems);
        }
    }

    private static void WarnNoMeaningOnLinux(string path, string field, StepSettingDescriptor setting, string value, SettingPlatforms platforms, ProblemCollector problems)
    {
        // A switch that is off asks for nothing, so it means nothing on any platform.
        if (platforms.LinuxOnly && setting.NoMeaningOnLinux is { } note
            && !(setting.Kind == SettingKind.Boolean && bool.TryParse(value.Trim(), out var on) && !on))
        {
            problems.Warning(path, field, $"{setting.DisplayName} has no meaning on Linux: {note}");
        }
    }

    private static void ValidateValue(string path, string field, StepSettingDescriptor setting, string value, ProblemCollector problems)
    {
        switch (setting.Kind)
        {
            case SettingKind.Number when !long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                problems.Error(path, field, $"'{value}' is not a whole number");
                break;
            case SettingKind.Boolean when !bool.TryParse(value.Trim(), out _):
                problems.Error(path, field, $"'{value}' is not true or false");
                break;
            case SettingKind.Choice when !setting.Choices.Contains(value, StringComparer.OrdinalIgnoreCase):
                problems.Error(path, field, $"'{value}' is not one of {string.Join(", ", setting.Choices)}");
                break;
            case SettingKind.VariableName when !VariableName.IsValid(value):
                problems.Error(path, field, $"'{value}' is not a valid variable name (letters, digits, _ and -)");
                break;
        }
    }

    /// <summary>
    /// Passwords are never exported (TS-SEMANTICS 7), so an imported or copied step arrives with the
    /// placeholder or with no password beside its account. Both still save (a warning, not an error)
    /// because the operator re-enters the password later, but the step would fail as it stands.
    /// </summary>
    private static void ValidateSecret(
        string path,
        string field,
        StepTypeDescriptor descriptor,
        StepSettingDescriptor setting,
        string value,
        IReadOnlyDictionary<string, string> settings,
        ProblemCollector problems)
    {
        if (value == PasswordPlaceholder)
        {
            problems.Warning(path, field, $"{setting.DisplayName}: the password must be re-entered (it holds the placeholder, not a password)");
            return;
        }

        if (value.Length == 0 && HasAccount(descriptor, setting, settings, out var account))
        {
            problems.Warning(path, field, $"{setting.DisplayName}: the password must be re-entered (account '{account}' is set but the password is empty)");
        }
    }

    /// <summary>
    /// The account a password belongs to, as the catalog names it (<see cref="StepSettingDescriptor.AccountSetting"/>);
    /// it counts only while the step's <c>RunAsUser</c> switch (where it has one) is on.
    /// </summary>
    private static bool HasAccount(StepTypeDescriptor descriptor, StepSettingDescriptor password, IReadOnlyDictionary<string, string> settings, out string account)
    {
        account = "";
        if (password.AccountSetting is not { } accountSetting ||
            (descriptor.FindSetting("RunAsUser") is not null &&
             !(StepRules.TryGet(settings, "RunAsUser", out var runAs) && bool.TryParse(runAs.Trim(), out var on) && on)))
        {
            return false;
        }

        if (StepRules.TryGet(settings, accountSetting, out var user) && !string.IsNullOrWhiteSpace(user))
        {
            account = user;
            return true;
        }

        return false;
    }

    private static bool IsReplaced(StepSettingDescriptor setting, IReadOnlyDictionary<string, string> settings) =>
        setting.NotRequiredWith is { } other && StepRules.TryGet(settings, other, out var value) && !string.IsNullOrWhiteSpace(value);
}
