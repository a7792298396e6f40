using System.Text.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Set Dynamic Variables: a value its rule marks secret that holds the placeholder was left out by an export
/// (TS-SEMANTICS 7), like a password; the step would set the placeholder, so the value must be entered again.
/// </summary>
internal static class DynamicVariableSecretRules
{
    public static void Validate(string path, StepTypeDescriptor descriptor, IReadOnlyDictionary<string, string> settings, ProblemCollector problems)
    {
        if (descriptor.TypeId != StepTypeIds.SetDynamicVariables || !StepRules.TryGet(settings, "Rules", out var rules) ||
            !rules.Contains(StepSettingRules.PasswordPlaceholder, StringComparison.Ordinal))
        {
            return;
        }

        JsonArray? array;
        try
        {
            array = JsonNode.Parse(rules) as JsonArray;
        }
        catch (JsonException)
        {
            return;
        }

        for (var i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i] is not JsonObject rule || Property(rule, "set") is not JsonObject set || Property(rule, "secret") is not JsonArray secret)
            {
                continue;
            }

            foreach (var name in secret.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()))
            {
                if (Property(set, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String &&
                    value.GetValue<string>() == StepSettingRules.PasswordPlaceholder)
                {
                    problems.Warning(path, $"settings.Rules[{i}].set.{name}", $"secret variable {name} must be re-entered (it holds the placeholder, not its value)");
                }
            }
        }
    }

    private static JsonNode? Property(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
