using System.Text.Json;
using System.Text.Json.Nodes;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// The values a Set Dynamic Variables step's rules mark secret: its <c>Rules</c> setting is a JSON array of
/// <c>{when, set, secret}</c>, and each name listed in <c>secret</c> is a secret value of <c>set</c>. Rules that are
/// not that JSON hold no marked secret (validation reports them).
/// </summary>
public static class DynamicVariableSecretValues
{
    /// <summary>The setting of Set Dynamic Variables that holds the rules.</summary>
    public const string RulesSetting = "Rules";

    /// <summary>Each secret value: the rule's index, the variable's name and its value.</summary>
    public static IReadOnlyList<(int Rule, string Name, string Value)> Find(string rules)
    {
        var found = new List<(int, string, string)>();
        Rewrite(rules, (rule, name, value) =>
        {
            found.Add((rule, name, value));
            return value;
        });
        return found;
    }

    /// <summary>
    /// The rules with each secret value replaced by what <paramref name="replace"/> gives for (rule index, name, value);
    /// the text comes back unchanged when nothing changed.
    /// </summary>
    public static string Rewrite(string rules, Func<int, string, string, string> replace)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(replace);
        JsonArray? array;
        try
        {
            array = JsonNode.Parse(rules) as JsonArray;
        }
        catch (JsonException)
        {
            return rules;
        }

        var changed = false;
        for (var i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i] is not JsonObject rule || Property(rule, "set") is not JsonObject set || Property(rule, "secret") is not JsonArray secret)
            {
                continue;
            }

            var names = secret.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, node) in set.Where(p => names.Contains(p.Key)).ToList())
            {
                // A secret written as a number or true/false is a secret all the same: it is read as its JSON text.
                var current = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "";
                var next = replace(i, key, current);
                if (!string.Equals(next, current, StringComparison.Ordinal))
                {
                    set[key] = next;
                    changed = true;
                }
            }
        }

        return changed ? array!.ToJsonString() : rules;
    }

    private static JsonNode? Property(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
