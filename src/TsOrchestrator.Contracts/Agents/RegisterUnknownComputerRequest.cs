namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// First contact of an unknown computer: a machine that booted the site's boot image from the network or boot media
/// and has no device record. It has no enrollment token (a boot image carries no secret); the site must allow
/// unknown computers, and the device it gets reaches only what is deployed to unknown computers for media and PXE.
/// </summary>
public sealed record RegisterUnknownComputerRequest
{
    public required DeviceFacts Facts { get; init; }
}
