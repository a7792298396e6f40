namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>One adapter's settings as Apply Network Settings holds them: matched by interface name or MAC address, DHCP or static.</summary>
internal sealed record NetworkAdapter(
    string Field, string? Name, string? MacAddress, bool Dhcp, IReadOnlyList<string> Addresses, IReadOnlyList<string> Gateways,
    IReadOnlyList<string> DnsServers, string? DnsDomain);
