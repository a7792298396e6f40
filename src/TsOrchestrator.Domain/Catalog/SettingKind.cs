namespace TsOrchestrator.Domain.Catalog;

/// <summary>How a step setting's text value is interpreted and edited.</summary>
public enum SettingKind
{
    Text,
    MultilineText,
    Number,
    Boolean,

    /// <summary>One of the descriptor's choices.</summary>
    Choice,

    /// <summary>A password or other secret: never returned, logged or exported.</summary>
    Password,

    Path,
    VariableName,

    /// <summary>Script source text (PowerShell or shell).</summary>
    Script,

    /// <summary>Structured rules or lists kept as text (XML or JSON).</summary>
    Rules,

    PackageReference,
    PackageReferenceList,
    ApplicationReferenceList,
    OperatingSystemImageReference,
    OperatingSystemUpgradeReference,
    DriverPackageReference,
    BootImageReference,
    TaskSequenceReference,
}
