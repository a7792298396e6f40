using System.Globalization;
using System.Text.RegularExpressions;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Well-formedness of conditions, nested up to <see cref="SequenceLimits.MaxConditionDepth"/> if statements; fields name
/// the exact spot (<c>condition.conditions[1].value</c>). Nothing deeper is followed: the readers bound the depth a
/// document can bring, and this rule says where a sequence built otherwise passes the limit.
/// </summary>
internal static partial class ConditionRules
{
    private static readonly string[] Platforms = ["windows", "linux", "macos"];

    public static void Validate(string path, string field, Condition? condition, ProblemCollector problems) =>
        Validate(path, field, condition, problems, ifDepth: 0);

    private static void Validate(string path, string field, Condition? condition, ProblemCollector problems, int ifDepth)
    {
        switch (condition)
        {
            case null:
                problems.Error(path, field, "is empty (null condition)");
                break;
            case IfStatement statement:
                ValidateIf(path, field, statement, problems, ifDepth + 1);
                break;
            case VariableCondition variable:
                ValidateVariable(path, field, variable, problems);
                break;
            case OsVersionCondition os:
                ValidateOsVersion(path, field, os, problems);
                break;
            case OsLanguageCondition language:
                Required(path, $"{field}.language", language.Language, "Language", problems);
                break;
            case FileCondition file:
                Required(path, $"{field}.path", file.Path, "Path", problems);
                if (file.Version is { Length: > 0 } version && !ValueComparison.TryParseVersion(version, out _))
                {
                    problems.Error(path, $"{field}.version", $"Version '{version}' is not a dotted version such as 10.0.19041.1");
                }

                break;
            case FolderCondition folder:
                Required(path, $"{field}.path", folder.Path, "Path", problems);
                break;
            case RegistryCondition registry:
                ValidateRegistry(path, field, registry, problems);
                break;
            case WmiQueryCondition wmi:
                Required(path, $"{field}.namespace", wmi.Namespace, "WMI namespace", problems);
                if (Required(path, $"{field}.query", wmi.Query, "WQL query", problems) && !WqlDataQuery().IsMatch(wmi.Query))
                {
                    problems.Error(path, $"{field}.query", "The WQL query is not valid: it must be SELECT ... FROM ... (or ASSOCIATORS OF / REFERENCES OF)");
                }

                break;
            case InstalledSoftwareCondition software:
                ValidateSoftware(path, field, software, problems);
                break;
        }
    }

    /// <summary>Every operator except exists / notExists compares with a value.</summary>
    public static bool NeedsValue(ConditionOperator op) => op is not (ConditionOperator.Exists or ConditionOperator.NotExists);

    private static void ValidateIf(string path, string field, IfStatement statement, ProblemCollector problems, int ifDepth)
    {
        if (ifDepth > SequenceLimits.MaxConditionDepth)
        {
            problems.Error(path, field, SequenceLimits.TooDeepConditions);
            return;
        }

        var children = statement.Conditions ?? [];
        if (children.Count == 0)
        {
            problems.Error(path, field, $"the if statement ({statement.Kind}) has no conditions");
        }

        for (var i = 0; i < children.Count; i++)
        {
            Validate(path, $"{field}.conditions[{i}]", children[i], problems, ifDepth);
        }
    }

    private static void ValidateVariable(string path, string field, VariableCondition condition, ProblemCollector problems)
    {
        // Built-in (_-prefixed) names are valid here: reading them is what conditions are for.
        if (!VariableName.IsValid(condition.Variable))
        {
            problems.Error(path, $"{field}.variable", $"'{condition.Variable}' is not a valid variable name");
        }

        // The empty string is a real value (equals "" tests for an empty value), so only a missing value is wrong.
        if (NeedsValue(condition.Operator) && condition.Value is null)
        {
            problems.Error(path, $"{field}.value", $"Value is required by the operator '{ConditionText.OperatorName(condition.Operator)}'");
        }
    }

    private static void ValidateOsVersion(string path, string field, OsVersionCondition os, ProblemCollector problems)
    {
        if (os.Platform is { Length: > 0 } platform && !Platforms.Contains(platform, StringComparer.OrdinalIgnoreCase))
        {
            problems.Error(path, $"{field}.platform", $"'{platform}' is not a platform (windows, linux or macos)");
        }

        if (os.Version is { Length: > 0 } version && !ValueComparison.TryParseVersion(version, out _))
        {
            problems.Error(path, $"{field}.version", $"'{version}' is not a dotted version such as 10.0.19045");
        }
    }

    private static void ValidateSoftware(string path, string field, InstalledSoftwareCondition software, ProblemCollector problems)
    {
        var byProduct = !string.IsNullOrWhiteSpace(software.ProductCode);
        var byFamily = software.AnyVersion &&
                       (!string.IsNullOrWhiteSpace(software.UpgradeCode) || !string.IsNullOrWhiteSpace(software.ProductName));
        if (!byProduct && !byFamily)
        {
            var message = software.AnyVersion
                ? "needs a product code, or an upgrade code or product name to match any version"
                : "needs a product code (or any version with an upgrade code or product name)";
            problems.Error(path, $"{field}.productCode", message);
        }
    }

    private static void ValidateRegistry(string path, string field, RegistryCondition registry, ProblemCollector problems)
    {
        if (Required(path, $"{field}.keyPath", registry.KeyPath, "Key", problems))
        {
            if (!RegistryRootKeys.TrySplit(registry.KeyPath, out _, out var key))
            {
                problems.Error(path, $"{field}.keyPath", $"Key '{registry.KeyPath}' has no root key: it must start with {string.Join(", ", RegistryRootKeys.All)}");
            }
            else if (key.Length == 0)
            {
                problems.Error(path, $"{field}.keyPath", "Key is required under the root key");
            }
        }

        if (NeedsValue(registry.Operator) && registry.Data is null)
        {
            problems.Error(path, $"{field}.data", $"Value is required by the operator '{ConditionText.OperatorName(registry.Operator)}'");
        }
        else if (registry.Operator != ConditionOperator.Like && NeedsValue(registry.Operator) && IsNumberType(registry.ValueType) &&
                 !VariableExpander.HasReferences(registry.Data!) && !long.TryParse(registry.Data, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            // The device compares a DWORD or QWORD as a number; text there can never be equal, greater or less.
            problems.Error(path, $"{field}.data", $"Value '{registry.Data}' is not a whole number, as {registry.ValueType} needs");
        }
    }

    private static bool IsNumberType(string? valueType) =>
        string.Equals(valueType, "REG_DWORD", StringComparison.OrdinalIgnoreCase) || string.Equals(valueType, "REG_QWORD", StringComparison.OrdinalIgnoreCase);

    /// <summary>An error naming the field in the console's words when the text is empty; true when it is not.</summary>
    private static bool Required(string path, string field, string? text, string label, ProblemCollector problems)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        problems.Error(path, field, $"{label} is required");
        return false;
    }

    // WQL's data queries: SELECT ... FROM ..., and the ASSOCIATORS OF / REFERENCES OF forms WMI also answers.
    [GeneratedRegex(@"^\s*(SELECT\s+\S.*\s+FROM\s+\S|(ASSOCIATORS|REFERENCES)\s+OF\s*\{)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex WqlDataQuery();
}
