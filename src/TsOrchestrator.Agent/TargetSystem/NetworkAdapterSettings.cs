using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Reads the adapters of Apply Network Settings, with Configuration Manager's property names: the step's Adapters
/// setting (a JSON array of objects with Name, MacAddress, EnableDHCP, IPAddressList, SubnetMask, Gateways,
/// DNSServerList, DNSDomain), else the OSDAdapterCount / OSDAdapter&lt;n&gt;&lt;property&gt; variables a Configuration
/// Manager sequence sets. Every value is checked here, naming its field, before anything is written.
/// </summary>
internal static class NetworkAdapterSettings
{
    private static readonly string[] Properties = ["Name", "MacAddress", "EnableDHCP", "IPAddressList", "SubnetMask", "Gateways", "DNSServerList", "DNSDomain"];

    public static IReadOnlyList<NetworkAdapter> Read(StepContext context)
    {
        var raw = new List<(string Field, Dictionary<string, string> Values)>();
        if (context.Setting("Adapters").Trim() is { Length: > 0 } json)
        {
            raw.AddRange(FromJson(json));
        }
        else if (context.Variables.TryGetValue("OSDAdapterCount", out var countText) && int.TryParse(countText, out var count) && count > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in Properties)
                {
                    if (context.Variables.TryGetValue($"OSDAdapter{i}{property}", out var value))
                    {
                        values[property] = value;
                    }
                }

                raw.Add(($"OSDAdapter{i}", values));
            }
        }

        return raw.Select(r => Parse(r.Field, r.Values)).ToList();
    }

    private static List<(string, Dictionary<string, string>)> FromJson(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new StepFailedException($"the network adapter settings (Adapters) are not JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new StepFailedException("the network adapter settings (Adapters) must be a JSON array of adapters");
            }

            var list = new List<(string, Dictionary<string, string>)>();
            var index = 0;
            foreach (var adapter in document.RootElement.EnumerateArray())
            {
                var field = $"Adapters[{index++}]";
                if (adapter.ValueKind != JsonValueKind.Object)
                {
                    throw new StepFailedException($"{field} is not an object");
                }

                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in adapter.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Array => string.Join(',', property.Value.EnumerateArray().Select(v => v.ToString())),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => property.Value.ToString(),
                    };
                }

                list.Add((field, values));
            }

            return list;
        }
    }

    private static NetworkAdapter Parse(string field, Dictionary<string, string> values)
    {
        string? Value(string name) => values.TryGetValue(name, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
        IReadOnlyList<string> List(string name) => Value(name)?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        var unknown = values.Keys.Where(k => !Properties.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new StepFailedException($"{field} has settings no adapter has: {string.Join(", ", unknown)} (known: {string.Join(", ", Properties)})");
        }

        var name = Value("Name");
        if (name is not null && (name.Length > 15 || name.Any(c => char.IsWhiteSpace(c) || c is '/' or ':')))
        {
            throw new StepFailedException($"{field}.Name '{name}' is not a Linux interface name (at most 15 characters, no spaces, slashes or colons)");
        }

        var mac = Value("MacAddress")?.Replace('-', ':').ToLowerInvariant();
        if (mac is not null && (mac.Length != 17 || !mac.Split(':').All(part => part.Length == 2 && part.All(char.IsAsciiHexDigit))))
        {
            throw new StepFailedException($"{field}.MacAddress '{Value("MacAddress")}' is not a MAC address");
        }

        var dhcp = Value("EnableDHCP") is not { } flag || !bool.TryParse(flag, out var parsed) || parsed;
        var masks = List("SubnetMask");
        var addresses = List("IPAddressList").Select((address, i) => Cidr(address, i < masks.Count ? masks[i] : null, $"{field}.IPAddressList")).ToList();
        if (!dhcp && addresses.Count == 0)
        {
            throw new StepFailedException($"{field} is static (EnableDHCP false) but has no address (IPAddressList)");
        }

        var gateways = List("Gateways").Select(g => Address(g, $"{field}.Gateways")).ToList();
        var dns = List("DNSServerList").Select(d => Address(d, $"{field}.DNSServerList")).ToList();
        return new NetworkAdapter(field, name, mac, dhcp, addresses, gateways, dns, Value("DNSDomain"));
    }

    private static string Address(string text, string field) =>
        IPAddress.TryParse(text, out var address) ? address.ToString() : throw new StepFailedException($"{field}: '{text}' is not an IP address");

    /// <summary>An address with its prefix length: given as CIDR, or with a dotted subnet mask.</summary>
    private static string Cidr(string text, string? mask, string field)
    {
        var parts = text.Split('/', 2);
        var address = IPAddress.TryParse(parts[0], out var parsed) ? parsed : throw new StepFailedException($"{field}: '{text}' is not an IP address");
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        int prefix;
        if (parts.Length == 2)
        {
            prefix = int.TryParse(parts[1], out var p) && p >= 0 && p <= max ? p : throw new StepFailedException($"{field}: '{text}' has no valid prefix length");
        }
        else if (mask is not null)
        {
            prefix = IPAddress.TryParse(mask, out var m) && m.AddressFamily == AddressFamily.InterNetwork && PrefixOf(m.GetAddressBytes()) is { } length
                ? length
                : throw new StepFailedException($"{field}: subnet mask '{mask}' (SubnetMask) is not a mask");
        }
        else
        {
            throw new StepFailedException($"{field}: '{text}' has neither a prefix length (/24) nor a subnet mask (SubnetMask)");
        }

        return $"{address}/{prefix}";
    }

    private static int? PrefixOf(byte[] mask)
    {
        var bits = mask.Aggregate(0u, (value, b) => (value << 8) | b);
        var prefix = System.Numerics.BitOperations.LeadingZeroCount(~bits);
        return bits == (prefix == 0 ? 0u : uint.MaxValue << (32 - prefix)) ? prefix : null;
    }
}
