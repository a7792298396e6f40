using System.Security.Cryptography;
using System.Text;

namespace TsOrchestrator.Content;

/// <summary>
/// How a device is let in wherever it fetches content: the site server checks its key against the store, a distribution
/// point asks the site server; both under the same scheme, role and policy, so <c>/dp/v1/files/{hash}</c> is one route.
/// </summary>
public static class DeviceCallers
{
    public const string Policy = "agent";
    public const string SchemeName = "DeviceKey";
    public const string Role = "Device";

    /// <summary>
    /// Keys (device and admin) are 256 random bits, so one SHA-256 is a sound way to store and compare them: there is
    /// nothing to brute-force that a slow hash would protect.
    /// </summary>
    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
