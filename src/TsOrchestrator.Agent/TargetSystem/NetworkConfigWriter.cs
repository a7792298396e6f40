using System.Text;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Adapter settings written the way the applied system configures its network: systemd-networkd .network files
/// (enabled, since Debian ships networkd disabled) and, when the image has ifupdown, stanzas in /etc/network/interfaces
/// itself. Not in interfaces.d with a <c>source</c> line: busybox's ifup opens a <c>source</c> path literally and fails
/// on the glob, so the one file is what both Debian's ifupdown and busybox read. The image's own stanzas (loopback,
/// other interfaces) stay; those of an interface the step configures are replaced, so neither reader sees it twice.
/// Addresses are written as address + netmask, since busybox rejects a CIDR address without a netmask line.
/// No adapter given means DHCP on every wired adapter, as Configuration Manager's default.
/// </summary>
internal static class NetworkConfigWriter
{
    private const string NetworkFolder = "/etc/systemd/network";
    private const string FilePrefix = "10-tsorch-";
    private const string InterfacesFile = "/etc/network/interfaces";

    // Where an agent before this one wrote its stanzas; removed, or Debian's ifupdown would read an adapter twice.
    private const string OldInterfacesFile = "/etc/network/interfaces.d/tsorch";
    private const string BlockStart = "# Apply Network Settings (TsOrchestrator): begin";
    private const string BlockEnd = "# Apply Network Settings (TsOrchestrator): end";
    private static readonly string[] StanzaKeywords = ["iface", "auto", "mapping", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly string[] UnitFolders = ["/lib/systemd/system/", "/usr/lib/systemd/system/"];

    public static void Check(string root, IReadOnlyList<NetworkAdapter> adapters)
    {
        var networkd = HasNetworkd(root);
        var ifupdown = TargetPath.Exists(root, "/etc/network/interfaces");
        if (!networkd && !ifupdown)
        {
            throw new StepFailedException("the applied system has neither systemd-networkd nor ifupdown (/etc/network/interfaces): its network cannot be configured");
        }

        if (!networkd && adapters.Count == 0)
        {
            throw new StepFailedException("ifupdown configures adapters by interface name: give the adapters (Adapters, with Name) for this image, which has no systemd-networkd");
        }

        if (!networkd && adapters.FirstOrDefault(a => a.Name is null) is { } unnamed)
        {
            throw new StepFailedException($"{unnamed.Field}.Name is empty: ifupdown, this image's only network configuration, needs the interface name");
        }
    }

    public static IReadOnlyList<string> Write(string root, IReadOnlyList<NetworkAdapter> adapters)
    {
        var written = new List<string>();
        if (HasNetworkd(root))
        {
            var folder = TargetPath.Folder(root, NetworkFolder);
            foreach (var stale in Directory.GetFiles(folder, FilePrefix + "*.network"))
            {
                File.Delete(stale);
            }

            if (adapters.Count == 0)
            {
                Write(root, $"{NetworkFolder}/{FilePrefix}dhcp.network", "[Match]\nType=ether\n\n[Network]\nDHCP=yes\n", written);
            }

            for (var i = 0; i < adapters.Count; i++)
            {
                Write(root, $"{NetworkFolder}/{FilePrefix}adapter{i}.network", NetworkdFile(adapters[i]), written);
            }

            EnableNetworkd(root);
        }

        if (TargetPath.Exists(root, InterfacesFile) && adapters.Any(a => a.Name is not null))
        {
            var named = adapters.Where(a => a.Name is not null).ToList();
            var kept = WithoutStanzasOf(TargetPath.ReadFile(root, InterfacesFile)!, named.Select(a => a.Name!).ToHashSet(StringComparer.Ordinal));
            var text = new StringBuilder(kept);
            if (!HasLoopback(kept))
            {
                text.Append(text.Length > 0 ? "\n" : "").Append("auto lo\niface lo inet loopback\n");
            }

            text.Append(text.Length > 0 ? "\n" : "").Append(BlockStart).Append('\n');
            foreach (var adapter in named)
            {
                text.Append(InterfacesStanza(adapter));
            }

            text.Append(BlockEnd).Append('\n');
            Write(root, InterfacesFile, text.ToString(), written);
            if (TargetPath.Exists(root, OldInterfacesFile))
            {
                File.Delete(TargetPath.Resolve(root, OldInterfacesFile));
            }
        }

        var dns = adapters.SelectMany(a => a.DnsServers).Distinct(StringComparer.Ordinal).ToList();
        var resolv = TargetPath.Resolve(root, "/etc/resolv.conf");
        if (dns.Count > 0 && new FileInfo(resolv).LinkTarget is null)
        {
            // A resolv.conf that is a link belongs to systemd-resolved, which reads the DNS= lines of the .network files.
            var domains = adapters.Select(a => a.DnsDomain).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            Write(root, "/etc/resolv.conf", (domains.Count > 0 ? $"search {string.Join(' ', domains)}\n" : "") + string.Concat(dns.Select(d => $"nameserver {d}\n")), written);
        }

        return written;
    }

    private static string NetworkdFile(NetworkAdapter adapter)
    {
        var text = new StringBuilder("[Match]\n");
        text.Append(adapter.MacAddress is { } mac ? $"MACAddress={mac}\n" : adapter.Name is { } name ? $"Name={name}\n" : "Type=ether\n");
        text.Append("\n[Network]\n");
        text.Append(adapter.Dhcp ? "DHCP=yes\n" : "");
        text.Append(string.Concat(adapter.Addresses.Select(a => $"Address={a}\n")));
        text.Append(string.Concat(adapter.Gateways.Select(g => $"Gateway={g}\n")));
        text.Append(string.Concat(adapter.DnsServers.Select(d => $"DNS={d}\n")));
        text.Append(adapter.DnsDomain is { } domain ? $"Domains={domain}\n" : "");
        return text.ToString();
    }

    private static string InterfacesStanza(NetworkAdapter adapter)
    {
        var text = new StringBuilder($"auto {adapter.Name}\n");
        if (adapter.Dhcp)
        {
            text.Append($"iface {adapter.Name} inet dhcp\n");
        }

        foreach (var (address, index) in adapter.Addresses.Select((a, i) => (a, i)))
        {
            var (host, prefix) = address.Split('/') is [var h, var p] ? (h, int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) : (address, -1);
            var v6 = host.Contains(':', StringComparison.Ordinal);
            text.Append($"iface {adapter.Name} {(v6 ? "inet6" : "inet")} static\n\taddress {host}\n");
            if (prefix >= 0)
            {
                // IPv6's netmask is the prefix length in both readers; IPv4's is dotted.
                text.Append($"\tnetmask {(v6 ? prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : DottedMask(prefix))}\n");
            }

            if (index == 0 && adapter.Gateways.Count > 0)
            {
                text.Append($"\tgateway {adapter.Gateways[0]}\n");
            }
        }

        return text.Append('\n').ToString();
    }

    private static string DottedMask(int prefix)
    {
        var bits = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return $"{bits >> 24}.{(bits >> 16) & 255}.{(bits >> 8) & 255}.{bits & 255}";
    }

    /// <summary>
    /// The interfaces file less this step's earlier block and less every stanza of an interface it now configures
    /// (its <c>iface</c> lines with their options, its name on <c>auto</c>/<c>allow-*</c> lines); the rest as it was.
    /// </summary>
    private static string WithoutStanzasOf(string interfaces, HashSet<string> names)
    {
        var kept = new List<string>();
        var inBlock = false;
        var inRemovedIface = false;
        foreach (var line in interfaces.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed == BlockStart || trimmed == BlockEnd)
            {
                inBlock = trimmed == BlockStart;
                continue;
            }

            var words = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var keyword = words.Length > 0 && (StanzaKeywords.Contains(words[0], StringComparer.Ordinal) || words[0].StartsWith("allow-", StringComparison.Ordinal));
            if (inBlock)
            {
                continue;
            }

            if (keyword)
            {
                inRemovedIface = words[0] == "iface" && words.Length > 1 && names.Contains(words[1]);
                if (inRemovedIface)
                {
                    continue;
                }

                if (words[0] == "auto" || words[0].StartsWith("allow-", StringComparison.Ordinal))
                {
                    var others = words.Skip(1).Where(name => !names.Contains(name)).ToList();
                    if (others.Count == 0)
                    {
                        continue;
                    }

                    kept.Add($"{words[0]} {string.Join(' ', others)}");
                    continue;
                }
            }
            else if (inRemovedIface && words.Length > 0 && !trimmed.StartsWith('#'))
            {
                // An option line of a removed iface (address, netmask, up ...).
                continue;
            }

            kept.Add(line);
        }

        var text = string.Join('\n', kept).TrimEnd('\n', ' ', '\t');
        return text.Length > 0 ? text + "\n" : "";
    }

    private static bool HasLoopback(string interfaces) =>
        interfaces.Split('\n').Any(line => line.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is ["iface", "lo", ..]);

    private static bool HasNetworkd(string root) =>
        TargetPath.Exists(root, "/lib/systemd/systemd-networkd") || TargetPath.Exists(root, "/usr/lib/systemd/systemd-networkd");

    /// <summary>What <c>systemctl enable systemd-networkd</c> would do, without running anything of the target.</summary>
    private static void EnableNetworkd(string root)
    {
        foreach (var (unit, wants) in new[] { ("systemd-networkd.service", "multi-user.target.wants"), ("systemd-networkd.socket", "sockets.target.wants") })
        {
            var unitFile = UnitFolders.Select(folder => folder + unit).FirstOrDefault(path => TargetPath.Exists(root, path));
            if (unitFile is null)
            {
                continue;
            }

            var link = TargetPath.Resolve(root, $"/etc/systemd/system/{wants}/{unit}");
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.Delete(link);
            File.CreateSymbolicLink(link, unitFile);
        }
    }

    private static void Write(string root, string path, string text, List<string> written)
    {
        TargetPath.WriteFile(root, path, text, Mode);
        written.Add(path);
    }
}
