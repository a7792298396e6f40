using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>Device state read from a scenario's facts; paths and names compare case-insensitively.</summary>
internal sealed class ScenarioDevice(DeviceFacts facts) : IDeviceState
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    public string OsPlatform => facts.Os;
    public string OsVersion => facts.OsVersion;
    public string Architecture => facts.Architecture;
    public string OsLanguage => facts.Language;

    public bool FileExists(string path) => facts.Files.Contains(path, Names);

    public string? FileVersion(string path) =>
        facts.FileVersions.FirstOrDefault(p => Names.Equals(p.Key, path)).Value;

    public DateTimeOffset? FileTimestamp(string path) => null;

    public bool FolderExists(string path) => facts.Folders.Contains(path, Names);

    public DateTimeOffset? FolderTimestamp(string path) => null;

    public string? RegistryValue(string keyPath, string? valueName)
    {
        var key = string.IsNullOrEmpty(valueName) ? keyPath : $"{keyPath}\\{valueName}";
        return facts.Registry.FirstOrDefault(p => Names.Equals(p.Key, key)).Value;
    }

    public bool? WmiQueryHasRows(string wmiNamespace, string query) => facts.WmiQueriesWithRows.Contains(query, Names);

    public bool IsSoftwareInstalled(InstalledSoftwareCondition software) =>
        facts.InstalledSoftware.Any(p =>
            Names.Equals(p, software.ProductCode) ||
            (software.AnyVersion && (Names.Equals(p, software.UpgradeCode) || Names.Equals(p, software.ProductName))));
}
