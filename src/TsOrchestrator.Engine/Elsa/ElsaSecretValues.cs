using System.Text.Json;
using System.Text.Json.Nodes;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// Secrets inside a setting's value: Set Dynamic Variables rules name the variables of their <c>set</c> whose
/// values are secret (<c>"secret": ["JoinPassword"]</c>); those values are masked in an export.
/// </summary>
internal static class ElsaSecretValues
{
    public const string Mask = "********";

    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The rules with secret values masked; <paramref name="masked"/> gets each masked variable's name.</summary>
    public static string MaskDynamicVariableRules(string rules, List<string> masked)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(rules, CaseInsensitive);
        }
        catch (JsonException)
        {
            // Not rules the agent could run either; there is no secret list to honour in it.
            return rules;
        }

        if (root is not JsonArray array)
        {
            return rules;
        }

        var changed = false;
        foreach (var rule in array.OfType<JsonObject>())
        {
            if (rule["secret"] is not JsonArray secret || rule["set"] is not JsonObject set)
            {
                continue;
            }

            var names = secret.Where(static n => n?.GetValueKind() == JsonValueKind.String)
                .Select(static n => n!.GetValue<string>())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var name in set.Select(static p => p.Key).Where(names.Contains).ToList())
            {
                set[name] = Mask;
                masked.Add(name);
                changed = true;
            }
        }

        return changed ? array.ToJsonString() : rules;
    }
}
