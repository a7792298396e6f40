namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// HMAC-SHA256 of the challenge's bytes keyed with the device key's hash as the site stores it (lower-case hex SHA-256 of
/// the key, as UTF-8), base64. A server that does not know the device answers a proof that does not match, so the
/// answer does not tell which device ids exist.
/// </summary>
public sealed record SiteProofResponse
{
    public required string Proof { get; init; }
}
