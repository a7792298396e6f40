namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>One adapter as Capture Network Settings found it in a system's network configuration.</summary>
internal sealed record CapturedAdapter(string? Name, string? MacAddress, bool Dhcp, IReadOnlyList<string> Addresses, IReadOnlyList<string> Gateways, IReadOnlyList<string> DnsServers, string? DnsDomain)
{
    /// <summary>The OSDAdapter&lt;index&gt; variables Apply Network Settings reads (see <see cref="NetworkAdapterSettings"/>).</summary>
    public IEnumerable<KeyValuePair<string, string>> Variables(int index)
    {
        var prefix = $"OSDAdapter{index}";
        if (Name is not null)
        {
            yield return new($"{prefix}Name", Name);
        }

        if (MacAddress is not null)
        {
            yield return new($"{prefix}MacAddress", MacAddress);
        }

        yield return new($"{prefix}EnableDHCP", Dhcp ? "true" : "false");
        if (Addresses.Count > 0)
        {
            yield return new($"{prefix}IPAddressList", string.Join(',', Addresses));
        }

        if (Gateways.Count > 0)
        {
            yield return new($"{prefix}Gateways", string.Join(',', Gateways));
        }

        if (DnsServers.Count > 0)
        {
            yield return new($"{prefix}DNSServerList", string.Join(',', DnsServers));
        }

        if (DnsDomain is not null)
        {
            yield return new($"{prefix}DNSDomain", DnsDomain);
        }
    }
}
