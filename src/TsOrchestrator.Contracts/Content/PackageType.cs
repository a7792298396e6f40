using System.Text.Json.Serialization;

namespace TsOrchestrator.Contracts.Content;

/// <summary>The kinds of content Configuration Manager distributes; each names what a step does with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PackageType>))]
public enum PackageType
{
    /// <summary>A legacy package with programs (command lines) run by Install Package.</summary>
    Package,
    OsImage,
    BootImage,
    DriverPackage,
    Application,
    OsUpgradePackage,
}
