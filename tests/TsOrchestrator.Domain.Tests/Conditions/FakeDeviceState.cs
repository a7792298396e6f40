using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Tests.Conditions;

/// <summary>A device described by facts set in the test.</summary>
internal sealed class FakeDeviceState : IDeviceState
{
    public string OsPlatform { get; init; } = "windows";
    public string OsVersion { get; init; } = "10.0.22631";
    public string Architecture { get; init; } = "x64";
    public string OsLanguage { get; init; } = "en-US";

    public Dictionary<string, (string? Version, DateTimeOffset? Timestamp)> Files { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, DateTimeOffset?> Folders { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<(string Key, string Value), string> Registry { get; } = [];
    public Dictionary<string, bool?> WmiResults { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> InstalledProducts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> QueriedPaths { get; } = [];

    public bool FileExists(string path)
    {
        QueriedPaths.Add(path);
        return Files.ContainsKey(path);
    }

    public string? FileVersion(string path) => Files.GetValueOrDefault(path).Version;
    public DateTimeOffset? FileTimestamp(string path) => Files.GetValueOrDefault(path).Timestamp;

    public bool FolderExists(string path)
    {
        QueriedPaths.Add(path);
        return Folders.ContainsKey(path);
    }

    public DateTimeOffset? FolderTimestamp(string path) => Folders.GetValueOrDefault(path);

    public string? RegistryValue(string keyPath, string? valueName)
    {
        QueriedPaths.Add(keyPath);
        return Registry.GetValueOrDefault((keyPath, valueName ?? ""));
    }

    public bool? WmiQueryHasRows(string wmiNamespace, string query) => WmiResults.TryGetValue(query, out var rows) ? rows : false;

    public bool IsSoftwareInstalled(InstalledSoftwareCondition software) =>
        software.ProductCode is { } code && InstalledProducts.Contains(code);
}
