using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Agents;

/// <summary>
/// Answers a device that asks whether this server is of its site (<c>POST /agent/v1/site-proof</c>): the device's
/// identity belongs to the site's store, not to the URL it registered through, so any node or load balancer in front of
/// the store can prove it knows the device's key hash without the device showing its key first.
/// </summary>
public static class SiteProofs
{
    public const int MinChallengeBytes = 16;
    public const int MaxChallengeBytes = 64;

    // An unknown device gets a proof under a key no device has, so the answer looks the same whether the id exists or not.
    private static readonly byte[] NoDeviceKey = RandomNumberGenerator.GetBytes(32);

    // A device is of the site whatever its security scopes.
    private static readonly string[] ScopeFilters = [StoreContext.ScopeFilter];

    public static async Task<SiteProofResponse> ProveAsync(SiteProofRequest request, StoreContext store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.DeviceId) || request.DeviceId.Length > 128)
        {
            throw Problem.BadRequest("deviceId", "a device id of 1 to 128 characters");
        }

        var challenge = new byte[MaxChallengeBytes + 1];
        if (request.Challenge is null || !Convert.TryFromBase64String(request.Challenge, challenge, out var length) || length is < MinChallengeBytes or > MaxChallengeBytes)
        {
            throw Problem.BadRequest("challenge", $"base64 of {MinChallengeBytes} to {MaxChallengeBytes} random bytes");
        }

        var keyHash = await store.Devices.IgnoreQueryFilters(ScopeFilters).AsNoTracking()
            .Where(d => d.Id == request.DeviceId).Select(d => d.KeyHash).FirstOrDefaultAsync(cancellationToken);
        return new SiteProofResponse { Proof = Convert.ToBase64String(Prove(keyHash is null ? NoDeviceKey : Encoding.UTF8.GetBytes(keyHash), challenge.AsSpan(0, length))) };
    }

    public static byte[] Prove(ReadOnlySpan<byte> key, ReadOnlySpan<byte> challenge) => HMACSHA256.HashData(key, challenge);
}
