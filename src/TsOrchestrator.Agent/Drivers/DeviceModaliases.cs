namespace TsOrchestrator.Agent.Drivers;

/// <summary>The modaliases of this machine's devices on the buses drivers are matched on (PCI, USB, virtio), as the kernel reports them in sysfs.</summary>
internal static class DeviceModaliases
{
    private static readonly string[] Buses = ["pci", "usb", "virtio"];

    public static IReadOnlyList<string> Read(string sysfs = "/sys")
    {
        var aliases = new List<string>();
        foreach (var bus in Buses)
        {
            var devices = Path.Combine(sysfs, "bus", bus, "devices");
            if (!Directory.Exists(devices))
            {
                continue;
            }

            foreach (var device in Directory.GetFileSystemEntries(devices).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(device, "modalias");
                if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } alias)
                {
                    aliases.Add(alias);
                }
            }
        }

        return aliases.Distinct(StringComparer.Ordinal).ToList();
    }
}
