namespace TsOrchestrator.Server.Storage;

/// <summary>A device registered by its agent, with the facts it last reported.</summary>
public sealed class DeviceEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the device's own key, issued at registration.</summary>
    public required string KeyHash { get; set; }

    public DeviceStatus Status { get; set; } = DeviceStatus.Approved;
    public string Os { get; set; } = "";
    public string OsVersion { get; set; } = "";
    public string Architecture { get; set; } = "";
    public bool InBootMedia { get; set; }
    public long FreeDiskMb { get; set; }

    /// <summary>
    /// The agent's last reported capabilities as JSON (<see cref="Contracts.Agents.AgentCapabilities"/>); null for an
    /// agent older than capabilities, which is judged by the profile of its reported OS.
    /// </summary>
    public string? Capabilities { get; set; }

    /// <summary>Registered without a device record from the network or boot media: a member of the unknown computers.</summary>
    public bool UnknownComputer { get; set; }

    /// <summary>The network interfaces' MAC addresses last reported, lower case, separated by commas: network boot finds the device by them.</summary>
    public string? MacAddresses { get; set; }

    /// <summary>The SMBIOS system UUID last reported, lower case.</summary>
    public string? SmbiosUuid { get; set; }

    /// <summary>The chassis last reported in systemd's words (<c>server</c>, <c>desktop</c>, <c>vm</c>, …); null when the device said none.</summary>
    public string? Chassis { get; set; }

    /// <summary>Windows' product type last reported (<c>workstation</c>, <c>server</c>, <c>domainController</c>); null elsewhere.</summary>
    public string? OsProductType { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? LastCheckIn { get; set; }
    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
