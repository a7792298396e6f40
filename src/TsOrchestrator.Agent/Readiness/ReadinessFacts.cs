using System.Globalization;
using System.Runtime.InteropServices;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Disks;

namespace TsOrchestrator.Agent.Readiness;

/// <summary>What Check Readiness measures on Linux, read from /proc and /sys at the moment the step runs.</summary>
internal static class ReadinessFacts
{
    /// <summary>Physical memory in MB (MemTotal of /proc/meminfo).</summary>
    public static long? MemoryMegabytes() =>
        File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").Where(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Select(line => long.TryParse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024 : (long?)null)
                .FirstOrDefault()
            : null;

    /// <summary>The processor's speed in MHz: its highest frequency (cpufreq), else the speed /proc/cpuinfo reports.</summary>
    public static long? ProcessorMegahertz()
    {
        if (File.Exists("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")
            && long.TryParse(File.ReadAllText("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var khz))
        {
            return khz / 1000;
        }

        if (!File.Exists("/proc/cpuinfo"))
        {
            return null;
        }

        var speeds = File.ReadLines("/proc/cpuinfo").Where(line => line.StartsWith("cpu MHz", StringComparison.Ordinal))
            .Select(line => double.TryParse(line.Split(':', 2)[^1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) ? mhz : 0)
            .ToList();
        return speeds.Count > 0 ? (long)speeds.Max() : null;
    }

    /// <summary>
    /// Free disk space in MB. In the full OS, the space free on the root file system (ConfigMgr checks the system
    /// drive); in the boot image, where the sequence lays the disk out afresh, the size of disk 0.
    /// </summary>
    public static long? FreeDiskMegabytes(AgentOptions options)
    {
        if (options.InBootMedia)
        {
            return WholeDisks.List(options) is [var disk, ..] && BlockDevices.IsBlockDevice(disk) ? BlockDevices.SizeBytes(disk) / PartitionLayout.MiB : null;
        }

        return new DriveInfo("/").AvailableFreeSpace / PartitionLayout.MiB;
    }

    /// <summary>"64" or "32", as ConfigMgr names the running OS's architecture.</summary>
    public static string OsArchitecture => RuntimeInformation.OSArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 or Architecture.Ppc64le or Architecture.S390x ? "64" : "32";

    public static bool BootedUefi => Directory.Exists("/sys/firmware/efi");

    /// <summary>On AC power: a mains supply online, or no battery at all (a desktop, a server, a virtual machine).</summary>
    public static bool OnAcPower()
    {
        const string supplies = "/sys/class/power_supply";
        if (!Directory.Exists(supplies))
        {
            return true;
        }

        var kinds = Directory.GetDirectories(supplies).Select(folder => (Type: Read(folder, "type"), Online: Read(folder, "online"))).ToList();
        return kinds.Any(k => k.Type == "Mains" && k.Online == "1") || kinds.All(k => k.Type != "Battery");
    }

    /// <summary>The adapters with a link (carrier) up, loopback left out, and whether each is wired.</summary>
    public static IReadOnlyList<(string Name, bool Wired)> ConnectedAdapters()
    {
        const string net = "/sys/class/net";
        if (!Directory.Exists(net))
        {
            return [];
        }

        return Directory.GetDirectories(net)
            .Where(folder => Read(folder, "type") != "772" && Read(folder, "carrier") == "1" && Read(folder, "operstate") is "up" or "unknown")
            // Type 1 is ARPHRD_ETHER; a Wi-Fi adapter is one too, told apart by its wireless or phy80211 entry.
            .Select(folder => (Path.GetFileName(folder), Read(folder, "type") == "1" && !Directory.Exists(Path.Combine(folder, "wireless")) && !Directory.Exists(Path.Combine(folder, "phy80211"))))
            .ToList();
    }

    private static string Read(string folder, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, file)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ""; // carrier cannot be read while an adapter is down
        }
    }
}
