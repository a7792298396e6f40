using System.Security.Cryptography;
using System.Text;
using Refit;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// Whether a server URL the device did not register through is of its site: the server must prove it holds the
/// device's key hash (HMAC of a fresh challenge) before the device shows it the key. A server that cannot (another
/// site, or one older than the proof, which answers 404) is not taken for the device's site.
/// </summary>
internal static class SiteProof
{
    public static async Task<bool> IsSameSiteAsync(IAgentApi api, DeviceIdentity identity, AgentLog log, CancellationToken cancellationToken)
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        SiteProofResponse answer;
        try
        {
            answer = await ServerCalls.UntilDeliveredAsync(
                ct => api.ProveSiteAsync(new SiteProofRequest { DeviceId = identity.DeviceId, Challenge = Convert.ToBase64String(challenge) }, ct),
                "site proof", log, cancellationToken);
        }
        catch (ApiException e)
        {
            log.Info($"the server cannot say whether it is of the site of device {identity.DeviceId} ({ServerCalls.Describe(e)})");
            return false;
        }

        var keyHash = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.DeviceKey))));
        var expected = HMACSHA256.HashData(keyHash, challenge);
        var proof = new byte[expected.Length];
        return Convert.TryFromBase64String(answer.Proof, proof, out var length) && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(proof, expected);
    }
}
