using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

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

        foreach (var (rule, name, value) in DynamicVariableSecretValues.Find(rules))
        {
            if (value == StepSettingRules.PasswordPlaceholder)
            {
                problems.Warning(path, $"settings.Rules[{rule}].set.{name}", $"secret variable {name} must be re-entered (it holds the placeholder, not its value)");
            }
        }
    }
}
