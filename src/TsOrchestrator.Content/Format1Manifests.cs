using System.Text.Json;
using System.Text.Json.Nodes;

namespace TsOrchestrator.Content;

/// <summary>
/// Export and prestaged content manifests of format 1 were written before content was named by
/// <see cref="TsOrchestrator.Contracts.Content.ContentHash"/>: each file's SHA-256 sat under <c>sha256</c>, where
/// format 2 has <c>hash</c>. Renaming that key is all it takes to read them, as bare SHA-256 names still verify.
/// </summary>
internal static class Format1Manifests
{
    /// <summary>
    /// A format-1 manifest as the current format (its <paramref name="ownersKey"/> array's <c>files</c> renamed, its
    /// version raised); any other document is returned as it is. Throws <see cref="JsonException"/> for bytes that are no JSON.
    /// </summary>
    public static byte[] Upgrade(byte[] json, string ownersKey, int currentVersion)
    {
        var root = JsonNode.Parse(json);
        if (root?["formatVersion"] is not JsonValue version || !version.TryGetValue<int>(out var number) || number != 1)
        {
            return json;
        }

        foreach (var files in (root[ownersKey] as JsonArray ?? []).Select(o => o?["files"]).OfType<JsonArray>())
        {
            foreach (var file in files.OfType<JsonObject>())
            {
                if (file.Remove("sha256", out var hash))
                {
                    file["hash"] = hash;
                }
            }
        }

        root["formatVersion"] = currentVersion;
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }
}
