using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Agent.Conditions;

/// <summary>
/// Device-side conditions over this machine. Registry and WMI exist on Windows only: elsewhere they are an error
/// (the condition cannot be evaluated), never a silent false.
/// </summary>
internal sealed class LocalDeviceState : IDeviceState
{
    private static readonly string[] DpkgStatusFiles = ["/var/lib/dpkg/status"];

    public string OsPlatform => DeviceFactsReader.OsPlatform;
    public string OsVersion => DeviceFactsReader.OsVersion;
    public string Architecture => DeviceFactsReader.Architecture;
    public string OsLanguage => AgentPlatforms.Current.OsLanguage;

    public bool FileExists(string path) => File.Exists(path);

    private readonly List<string> _notes = [];

    /// <summary>Why a fact read as absent (a file without a version), for the condition's line in the log.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The version resource of a PE file on any platform; any other file has none, and the note says so.</summary>
    public string? FileVersion(string path)
    {
        if (PeVersionResource.Read(path, out var reason) is { } version)
        {
            return version;
        }

        _notes.Add($"{path} has no file version: {reason}");
        return null;
    }

    public DateTimeOffset? FileTimestamp(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;

    public bool FolderExists(string path) => Directory.Exists(path);

    public DateTimeOffset? FolderTimestamp(string path) => Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : null;

    public string? RegistryValue(string keyPath, string? valueName) =>
        throw new PlatformNotSupportedException($"registry conditions are not supported on {OsPlatform}");

    public bool? WmiQueryHasRows(string wmiNamespace, string query) =>
        throw new PlatformNotSupportedException($"WMI query conditions are not supported on {OsPlatform}");

    /// <summary>On Debian-family systems, a package dpkg lists as installed, matched by name (the condition's product name).</summary>
    public bool IsSoftwareInstalled(InstalledSoftwareCondition software)
    {
        ArgumentNullException.ThrowIfNull(software);
        var file = DpkgStatusFiles.FirstOrDefault(File.Exists)
            ?? throw new PlatformNotSupportedException($"installed software conditions need dpkg on {OsPlatform}");
        string? package = null;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                package = line["Package: ".Length..].Trim();
            }
            else if (line.StartsWith("Status: ", StringComparison.Ordinal) && line.EndsWith(" installed", StringComparison.Ordinal) &&
                     string.Equals(package, software.ProductName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
