namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// A device asks a server URL it did not register through whether it is of the same site, without showing it its key:
/// the server answers with <see cref="SiteProofResponse"/>, which only a site holding the device's key can compute.
/// </summary>
public sealed record SiteProofRequest
{
    public required string DeviceId { get; init; }

    /// <summary>At least 16 random bytes of the device's, base64: a proof is good for this one question.</summary>
    public required string Challenge { get; init; }
}
