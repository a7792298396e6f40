using System.Globalization;

namespace TsOrchestrator.Agent.Facts;

/// <summary>
/// The device's chassis in systemd's words (<c>hostnamectl chassis</c>): <c>server</c>, <c>desktop</c>, <c>laptop</c>,
/// <c>vm</c>, … The administrator's <c>CHASSIS=</c> in /etc/machine-info wins; otherwise the SMBIOS chassis type the
/// firmware reports in /sys/class/dmi/id/chassis_type, mapped as systemd's hostnamed maps it. A virtual machine's
/// firmware says "Other" (1) or "Unknown" (2), which names no chassis: a lab VM is not a server.
/// </summary>
internal static class DeviceChassis
{
    public const string Server = "server";

    /// <summary>The chassis of the system under <paramref name="systemRoot"/> (<c>/</c> for the running one); null when nothing says.</summary>
    public static string? Read(string systemRoot)
    {
        ArgumentNullException.ThrowIfNull(systemRoot);
        return FromMachineInfo(Text(Path.Combine(systemRoot, "etc", "machine-info")))
            ?? FromSmbiosType(Text(Path.Combine(systemRoot, "sys", "class", "dmi", "id", "chassis_type")));
    }

    /// <summary>The <c>CHASSIS=</c> of a machine-info file (an environment-style file; the value may be quoted).</summary>
    public static string? FromMachineInfo(string? machineInfo)
    {
        if (machineInfo is null)
        {
            return null;
        }

        foreach (var line in machineInfo.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("CHASSIS=", StringComparison.Ordinal) && trimmed["CHASSIS=".Length..].Trim('"', '\'').Trim() is { Length: > 0 and <= 32 } value)
            {
                return value.ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>
    /// SMBIOS (DMTF DSP0134, System Enclosure type) to systemd's chassis: 17 Main Server Chassis, 23 Rack Mount Chassis,
    /// 28 Blade and 29 Blade Enclosure are servers.
    /// </summary>
    public static string? FromSmbiosType(string? chassisType)
    {
        if (!int.TryParse(chassisType?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var type))
        {
            return null;
        }

        return type switch
        {
            0x03 or 0x04 or 0x06 or 0x07 or 0x0D or 0x23 or 0x24 => "desktop",
            0x08 or 0x09 or 0x0A or 0x0E => "laptop",
            0x0B => "handset",
            0x11 or 0x17 or 0x1C or 0x1D => Server,
            0x1E => "tablet",
            0x1F or 0x20 => "convertible",
            0x21 or 0x22 => "embedded",
            _ => null,
        };
    }

    private static string? Text(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
