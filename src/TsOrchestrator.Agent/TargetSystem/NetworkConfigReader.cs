using System.Net;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// A system's wired adapter configuration as Capture Network Settings reads it: systemd-networkd .network files in
/// /etc/systemd/network, then ifupdown's /etc/network/interfaces and interfaces.d (an adapter both name is taken from
/// networkd). Loopback is left out. Addresses are kept with their prefix length (CIDR), as Apply Network Settings takes them.
/// </summary>
internal static class NetworkConfigReader
{
    public static IReadOnlyList<CapturedAdapter> Read(string root)
    {
        var adapters = new List<CapturedAdapter>();
        var folder = TargetPath.Resolve(root, "/etc/systemd/network");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.network").Order(StringComparer.Ordinal))
            {
                if (Networkd(File.ReadAllText(file)) is { } adapter)
                {
                    adapters.Add(adapter);
                }
            }
        }

        var interfaces = new List<string>();
        if (TargetPath.ReadFile(root, "/etc/network/interfaces") is { } main)
        {
            interfaces.Add(main);
            var included = TargetPath.Resolve(root, "/etc/network/interfaces.d");
            if (Directory.Exists(included))
            {
                interfaces.AddRange(Directory.GetFiles(included).Order(StringComparer.Ordinal).Select(File.ReadAllText));
            }
        }

        foreach (var adapter in Ifupdown(string.Join('\n', interfaces)))
        {
            if (!adapters.Any(a => a.Name == adapter.Name))
            {
                adapters.Add(adapter);
            }
        }

        return adapters;
    }

    private static CapturedAdapter? Networkd(string text)
    {
        string? name = null, mac = null, domain = null;
        var dhcp = false;
        var addresses = new List<string>();
        var gateways = new List<string>();
        var dns = new List<string>();
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                section = line.Trim('[', ']');
                continue;
            }

            var split = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (split.Length != 2)
            {
                continue;
            }

            var (key, value) = (split[0], split[1]);
            switch (section, key)
            {
                case ("Match", "Name"):
                    name = value;
                    break;
                case ("Match", "MACAddress"):
                    mac = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
                    break;
                case ("Network", "DHCP"):
                    dhcp = value is "yes" or "true" or "ipv4" or "ipv6" or "both";
                    break;
                case ("Network" or "Address", "Address"):
                    addresses.Add(value);
                    break;
                case ("Network" or "Route", "Gateway"):
                    gateways.Add(value);
                    break;
                case ("Network", "DNS"):
                    dns.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case ("Network", "Domains"):
                    domain = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimStart('~');
                    break;
            }
        }

        if (name == "lo")
        {
            return null;
        }

        // A pattern (en*, "eth0 eth1") names no one interface: the adapter is matched as any wired one, as networkd did.
        if (name is not null && name.IndexOfAny(['*', '?', '[', ' ']) >= 0)
        {
            name = null;
        }

        return new CapturedAdapter(name, mac, dhcp, addresses, gateways, dns, domain);
    }

    private static List<CapturedAdapter> Ifupdown(string text)
    {
        var stanzas = new List<(string Name, string Method, Dictionary<string, string> Options)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "iface" && words.Length >= 4)
            {
                stanzas.Add((words[1], words[3], new Dictionary<string, string>(StringComparer.Ordinal)));
            }
            else if (words[0] is "auto" or "allow-hotplug" or "source" or "source-directory" or "mapping")
            {
                // Not an option of the stanza before.
            }
            else if (stanzas.Count > 0 && words.Length >= 2)
            {
                stanzas[^1].Options[words[0]] = string.Join(' ', words[1..]);
            }
        }

        var adapters = new List<CapturedAdapter>();
        foreach (var group in stanzas.Where(s => s.Name != "lo" && s.Method != "loopback").GroupBy(s => s.Name))
        {
            var dhcp = group.Any(s => s.Method == "dhcp");
            var addresses = new List<string>();
            var gateways = new List<string>();
            var dns = new List<string>();
            string? domain = null;
            foreach (var (_, method, options) in group)
            {
                if (method == "static" && options.TryGetValue("address", out var address))
                {
                    addresses.Add(address.Contains('/', StringComparison.Ordinal) || !options.TryGetValue("netmask", out var mask) ? address : Prefix(mask) is { } length ? $"{address}/{length}" : address);
                }

                if (options.TryGetValue("gateway", out var gateway))
                {
                    gateways.Add(gateway);
                }

                if (options.TryGetValue("dns-nameservers", out var servers))
                {
                    dns.AddRange(servers.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }

                if (options.TryGetValue("dns-search", out var search))
                {
                    domain ??= search.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                }
            }

            adapters.Add(new CapturedAdapter(group.Key, null, dhcp, addresses, gateways, dns, domain));
        }

        return adapters;
    }

    private static int? Prefix(string mask)
    {
        if (int.TryParse(mask, out var length))
        {
            return length;
        }

        if (!IPAddress.TryParse(mask, out var address))
        {
            return null;
        }

        return address.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
    }
}
