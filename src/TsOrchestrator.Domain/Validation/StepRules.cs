using System.Globalization;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Validation;

/// <summary>Rules of steps: a known type, settings that fit the catalog, success codes, time-out and retries.</summary>
internal static class StepRules
{
    public const int MaxTimeoutMinutes = 999;
    public const int MaxRetryOnUnexpectedRestart = 5;

    public static void Validate(string path, StepNode step, TaskSequence sequence, SettingPlatforms platforms, ProblemCollector problems)
    {
        ValidateExecutionOptions(path, step, problems);

        if (string.IsNullOrWhiteSpace(step.Type))
        {
            problems.Error(path, "type", "is required");
            return;
        }

        var descriptor = StepCatalog.Find(step.Type);
        if (descriptor is null)
        {
            problems.Error(path, "type", $"unknown step type '{step.Type}'");
            return;
        }

        var settings = step.Settings ?? new Dictionary<string, string>();
        StepSettingRules.Validate(path, descriptor, settings, platforms, problems);
        DynamicVariableSecretRules.Validate(path, descriptor, settings, problems);

        if (descriptor.TypeId == StepTypeIds.SetTaskSequenceVariable)
        {
            ValidateSetVariable(path, settings, problems);
        }

        if (descriptor.RunsChildSequence)
        {
            ValidateSelfReference(path, settings, sequence, problems);
        }
    }

    private static void ValidateExecutionOptions(string path, StepNode step, ProblemCollector problems)
    {
        if (step.SuccessCodes is { } codes)
        {
            var seen = new HashSet<int>();
            foreach (var code in codes.Where(code => !seen.Add(code)).Distinct())
            {
                problems.Error(path, "successCodes", $"{code.ToString(CultureInfo.InvariantCulture)} is listed more than once");
            }
        }

        if (step.TimeoutMinutes is { } timeout && timeout is < 1 or > MaxTimeoutMinutes)
        {
            problems.Error(path, "timeoutMinutes", $"must be 1 to {MaxTimeoutMinutes} minutes when set (is {timeout})");
        }

        if (step.RetryOnUnexpectedRestart is { } retries && retries is < 0 or > MaxRetryOnUnexpectedRestart)
        {
            problems.Error(path, "retryOnUnexpectedRestart", $"must be 0 (off) to {MaxRetryOnUnexpectedRestart} retries (is {retries})");
        }
    }

    private static void ValidateSetVariable(string path, IReadOnlyDictionary<string, string> settings, ProblemCollector problems)
    {
        const string Setting = "VariableName";
        if (!TryGet(settings, Setting, out var name) || string.IsNullOrWhiteSpace(name) || VariableExpander.HasReferences(name))
        {
            // Missing is reported by the required-setting rule; a %Var% reference is only known at run time.
            return;
        }

        if (VariableName.IsValid(name) && VariableName.IsReadOnly(name))
        {
            problems.Error(path, $"settings.{Setting}", $"'{name}' is read-only (names starting with '_' are built-in)");
        }
        else if (!VariableName.IsValidUserName(name))
        {
            problems.Error(path, $"settings.{Setting}", $"'{name}' is not a variable name a step may set (starts with a letter; letters, digits, _ and -)");
        }
    }

    private static void ValidateSelfReference(string path, IReadOnlyDictionary<string, string> settings, TaskSequence sequence, ProblemCollector problems)
    {
        if (TryGet(settings, ChildSequenceRules.ChildIdSetting, out var childId) &&
            !string.IsNullOrWhiteSpace(sequence.Id) &&
            string.Equals(childId.Trim(), sequence.Id, StringComparison.OrdinalIgnoreCase))
        {
            problems.Error(path, $"settings.{ChildSequenceRules.ChildIdSetting}", $"runs its own task sequence '{sequence.Id}'; a sequence may not include itself");
        }
    }

    /// <summary>Setting lookup that does not depend on the dictionary's comparer: setting names are case-insensitive.</summary>
    internal static bool TryGet(IReadOnlyDictionary<string, string> settings, string name, out string value)
    {
        if (settings.TryGetValue(name, out value!))
        {
            return true;
        }

        foreach (var (key, v) in settings)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = "";
        return false;
    }
}
