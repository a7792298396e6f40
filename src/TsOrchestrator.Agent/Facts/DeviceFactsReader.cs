using System.Runtime.InteropServices;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Facts;

/// <summary>What the agent tells the server about the device at every check-in.</summary>
internal static class DeviceFactsReader
{
    public static DeviceFacts Read(string stateDirectory, bool inBootMedia, AgentCapabilities? capabilities = null)
    {
        var hardware = Hardware();
        return new()
        {
            Hostname = Environment.MachineName,
            Os = OsPlatform,
            OsVersion = OsVersion,
            Architecture = Architecture,
            InBootMedia = inBootMedia,
            FreeDiskMb = new DriveInfo(Path.GetFullPath(stateDirectory)).AvailableFreeSpace / (1024 * 1024),
            // Network boot finds the device's record by these when it boots from the network again.
            MacAddresses = hardware.TryGetValue("MacAddress", out var macs)
                ? [.. macs.Split(',').Where(m => m.Length == 17).Select(m => m.ToLowerInvariant()).Take(32)]
                : null,
            Capabilities = capabilities,
            SmbiosUuid = hardware.TryGetValue("UUID", out var uuid) && Guid.TryParse(uuid, out _) ? uuid.ToLowerInvariant() : null,
            // What the server's high-risk verification counts a server by (a Linux server's OS version says nothing of it).
            Chassis = OperatingSystem.IsWindows() ? null : DeviceChassis.Read("/"),
            OsProductType = OsProductType.Read(),
        };
    }

    public static string OsPlatform => AgentPlatforms.Current.Name;

    public static string OsVersion => AgentPlatforms.Current.OsVersion;

    public static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x64",
        System.Runtime.InteropServices.Architecture.X86 => "x86",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Hardware facts Set Dynamic Variables rules match on (Linux reads them from the DMI tables in sysfs).</summary>
    public static IReadOnlyDictionary<string, string> Hardware()
    {
        var facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Hostname"] = Environment.MachineName,
            ["Os"] = OsPlatform,
            ["OsVersion"] = OsVersion,
            ["Architecture"] = Architecture,
        };
        if (OperatingSystem.IsLinux())
        {
            AddFile(facts, "Make", "/sys/class/dmi/id/sys_vendor");
            AddFile(facts, "Model", "/sys/class/dmi/id/product_name");
            AddFile(facts, "SerialNumber", "/sys/class/dmi/id/product_serial");
            AddFile(facts, "AssetTag", "/sys/class/dmi/id/chassis_asset_tag");
            AddFile(facts, "UUID", "/sys/class/dmi/id/product_uuid");
            var macs = Directory.Exists("/sys/class/net")
                ? Directory.GetDirectories("/sys/class/net").Where(d => Path.GetFileName(d) != "lo")
                    .Select(d => Path.Combine(d, "address")).Where(File.Exists).Select(f => File.ReadAllText(f).Trim().ToUpperInvariant())
                    .Where(m => m.Length > 0 && m != "00:00:00:00:00:00").Order(StringComparer.Ordinal).ToList()
                : [];
            if (macs.Count > 0)
            {
                facts["MacAddress"] = string.Join(',', macs);
            }
        }

        return facts;
    }

    private static void AddFile(Dictionary<string, string> facts, string name, string path)
    {
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } value)
            {
                facts[name] = value;
            }
        }
        catch (UnauthorizedAccessException)
        {
            // The serial number is readable by root only; a rule over it then simply does not match.
        }
    }
}
