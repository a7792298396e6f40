using System.Security.Cryptography;
using System.Text;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// Activity ids derived from the sequence id and the node's path (16 hex digits, the length Elsa gives its own):
/// the same version always exports the same ids, and a re-export replaces the activities it wrote before.
/// </summary>
internal static class ElsaActivityIds
{
    public static string Root(string sequenceId) => Of($"{sequenceId}|root");

    public static string Node(string sequenceId, string path) => Of($"{sequenceId}|node|{path}");

    public static string Condition(string sequenceId, string path) => Of($"{sequenceId}|if|{path}");

    public static string Variable(string sequenceId, string name) => Of($"{sequenceId}|variable|{name.ToUpperInvariant()}");

    private static string Of(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..16];
}
