namespace TsOrchestrator.Contracts.Devices;

/// <summary>A registered device and its last reported facts.</summary>
public sealed record DeviceInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Os { get; init; }
    public required string OsVersion { get; init; }
    public required string Architecture { get; init; }
    public bool InBootMedia { get; init; }

    /// <summary>Registered from the network or boot media without a device record (a member of the unknown computers).</summary>
    public bool UnknownComputer { get; init; }
    public DateTimeOffset? LastCheckIn { get; init; }

    /// <summary>What the device's agent last reported it can run; null when it never reported (an older agent).</summary>
    public Agents.AgentCapabilities? Capabilities { get; init; }

    /// <summary>The security scopes the object belongs to.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
