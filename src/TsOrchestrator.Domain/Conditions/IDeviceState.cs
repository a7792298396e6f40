namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// What device-state conditions read. The agent implements it over the real machine; the simulator
/// over a scenario's facts.
/// </summary>
public interface IDeviceState
{
    /// <summary><c>windows</c>, <c>linux</c> or <c>macos</c>.</summary>
    string OsPlatform { get; }

    string OsVersion { get; }
    string Architecture { get; }
    string OsLanguage { get; }

    bool FileExists(string path);
    string? FileVersion(string path);
    DateTimeOffset? FileTimestamp(string path);
    bool FolderExists(string path);
    DateTimeOffset? FolderTimestamp(string path);

    /// <summary>The value's data as text, or null when the key or value does not exist.</summary>
    string? RegistryValue(string keyPath, string? valueName);

    /// <summary>True when the query returns a row; null when the query failed.</summary>
    bool? WmiQueryHasRows(string wmiNamespace, string query);

    bool IsSoftwareInstalled(InstalledSoftwareCondition software);
}
