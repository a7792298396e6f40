using System.Text;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Adapter settings written the way the applied system configures its network: systemd-networkd .network files
/// (enabled, since Debian ships networkd disabled) and, when the image has ifupdown, /etc/network/interfaces.d stanzas.
/// No adapter given means DHCP on every wired adapter, as Configuration Manager's default.
/// </summary>
internal static class NetworkConfigWriter
{
    private const string NetworkFolder = "/etc/systemd/network";
    private const string FilePrefix = "10-tsorch-";
    private const string InterfacesFile = "/etc/network/interfaces.d/tsorch";
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

        if (TargetPath.Exists(root, "/etc/network/interfaces") && adapters.Any(a => a.Name is not null))
        {
            var text = new StringBuilder("# Written by TsOrchestrator's Apply Network Settings step.\n");
            foreach (var adapter in adapters.Where(a => a.Name is not null))
            {
                text.Append(InterfacesStanza(adapter));
            }

            Write(root, InterfacesFile, text.ToString(), written);
            var interfaces = TargetPath.ReadFile(root, "/etc/network/interfaces")!;
            if (!interfaces.Contains("source /etc/network/interfaces.d/*", StringComparison.Ordinal) &&
                !interfaces.Contains("source-directory /etc/network/interfaces.d", StringComparison.Ordinal))
            {
                Write(root, "/etc/network/interfaces", interfaces.TrimEnd('\n') + "\nsource /etc/network/interfaces.d/*\n", written);
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
        var text = new StringBuilder($"\nauto {adapter.Name}\n");
        if (adapter.Dhcp)
        {
            text.Append($"iface {adapter.Name} inet dhcp\n");
        }

        foreach (var (address, index) in adapter.Addresses.Select((a, i) => (a, i)))
        {
            var family = address.Contains(':', StringComparison.Ordinal) ? "inet6" : "inet";
            text.Append($"iface {adapter.Name} {family} static\n\taddress {address}\n");
            if (index == 0 && adapter.Gateways.Count > 0)
            {
                text.Append($"\tgateway {adapter.Gateways[0]}\n");
            }
        }

        return text.ToString();
    }

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
