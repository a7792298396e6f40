namespace TsOrchestrator.Domain.Catalog;

/// <summary>One setting of a step type: what the designer shows and what validation checks.</summary>
public sealed record StepSettingDescriptor
{
    /// <summary>Key in <c>StepNode.Settings</c>; equal to Configuration Manager's property name where one exists.</summary>
    public required string Name { get; init; }

    public required string DisplayName { get; init; }
    public SettingKind Kind { get; init; } = SettingKind.Text;
    public string? DefaultValue { get; init; }
    public bool Required { get; init; }

    /// <summary>
    /// A required setting that another one replaces when that one has a value: Install Package's package and program
    /// are not needed when the step installs a dynamic list named by its base variable.
    /// </summary>
    public string? NotRequiredWith { get; init; }

    /// <summary>Never returned by the API, logged or exported.</summary>
    public bool Secret { get; init; }

    /// <summary>Allowed values for <see cref="SettingKind.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? Description { get; init; }

    /// <summary>
    /// Set when the setting has no meaning on a Linux device (a Windows product key, a registered organisation): the
    /// Linux agent ignores a value and says so in the step's log; validation for Linux shows this note for it.
    /// </summary>
    public string? NoMeaningOnLinux { get; init; }

    /// <summary>For a password: the setting holding the account it belongs to, if any.</summary>
    public string? AccountSetting { get; init; }

    /// <summary>True when the value names content (packages, images, applications, child sequences).</summary>
    public bool ReferencesContent => Kind is SettingKind.PackageReference or SettingKind.PackageReferenceList
        or SettingKind.ApplicationReferenceList or SettingKind.OperatingSystemImageReference
        or SettingKind.OperatingSystemUpgradeReference or SettingKind.DriverPackageReference
        or SettingKind.BootImageReference or SettingKind.TaskSequenceReference;
}
