namespace TsOrchestrator.Domain.Capabilities;

/// <summary>Where an agent runs: the device's installed operating system, or a boot image (network boot or boot media).</summary>
public enum AgentEnvironment
{
    /// <summary>The installed operating system (<c>full-os</c> on the wire).</summary>
    FullOs,

    /// <summary>A boot image started from the network or boot media (<c>boot-image</c> on the wire); Configuration Manager's WinPE.</summary>
    BootImage,
}
