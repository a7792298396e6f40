using System.Security.Cryptography;

namespace TsOrchestrator.Server.Security;

/// <summary>
/// API keys are 256 random bits, so one SHA-256 is a sound way to store them: there is nothing to
/// brute-force that a slow hash would protect.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "tsk_";

    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string key) => DeviceCallers.KeyHash(key);
}
