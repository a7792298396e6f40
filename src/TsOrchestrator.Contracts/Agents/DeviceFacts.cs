namespace TsOrchestrator.Contracts.Agents;

/// <summary>What an agent reports about its device at registration and every check-in.</summary>
public sealed record DeviceFacts
{
    public required string Hostname { get; init; }

    /// <summary><c>windows</c>, <c>linux</c> or <c>macos</c>.</summary>
    public required string Os { get; init; }

    public required string OsVersion { get; init; }

    /// <summary><c>x64</c>, <c>x86</c> or <c>arm64</c>.</summary>
    public required string Architecture { get; init; }

    /// <summary>Running from boot media (WinPE / PXE): platform restrictions and collection variables of unknown devices do not apply.</summary>
    public bool InBootMedia { get; init; }

    public long FreeDiskMb { get; init; }

    /// <summary>What the agent can run here; null from agents older than capabilities (judged by their OS's profile).</summary>
    public AgentCapabilities? Capabilities { get; init; }

    /// <summary>MAC addresses of the device's network interfaces (lower case, colon-separated): network boot knows the device by them.</summary>
    public IReadOnlyList<string>? MacAddresses { get; init; }

    /// <summary>The SMBIOS system UUID, which network boot also knows the device by.</summary>
    public string? SmbiosUuid { get; init; }

    /// <summary>
    /// The chassis in systemd's words (<c>server</c>, <c>desktop</c>, <c>laptop</c>, <c>vm</c>, …): /etc/machine-info's
    /// <c>CHASSIS=</c>, else the SMBIOS chassis type. Null when nothing says (Windows agents, virtual machines' "Other").
    /// </summary>
    public string? Chassis { get; init; }

    /// <summary>Windows' product type: <c>workstation</c>, <c>server</c> or <c>domainController</c>; null elsewhere.</summary>
    public string? OsProductType { get; init; }
}
