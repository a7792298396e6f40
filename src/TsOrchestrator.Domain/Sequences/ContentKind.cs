namespace TsOrchestrator.Domain.Sequences;

/// <summary>The kinds of site content a sequence names by id: what a reference must point at to be runnable.</summary>
public enum ContentKind
{
    /// <summary>A legacy package with programs (Install Package, Run Command Line, the USMT and client packages).</summary>
    Package,
    OperatingSystemImage,
    OperatingSystemUpgradePackage,
    BootImage,
    DriverPackage,
    Application,
}
