using System.Globalization;

namespace TsOrchestrator.Domain.Conditions;

/// <summary>A condition in words, as the run inspection names the sub-condition that decided.</summary>
public static class ConditionText
{
    /// <summary>One line naming what the condition tests (an if-statement by its kind and size).</summary>
    public static string Describe(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition switch
        {
            IfStatement s => $"If {Kind(s.Kind)} of {s.Conditions.Count} conditions",
            VariableCondition v => v.Operator is ConditionOperator.Exists or ConditionOperator.NotExists
                ? $"variable {v.Variable} {OperatorName(v.Operator)}"
                : $"variable {v.Variable} {OperatorName(v.Operator)} {v.Value}",
            OsVersionCondition os => Join("operating system", ("platform", os.Platform), ("architecture", os.Architecture),
                (os.Version is null ? null : "version " + OperatorName(os.Operator), os.Version)),
            OsLanguageCondition lang => $"operating system language {OperatorName(lang.Operator)} {lang.Language}",
            FileCondition f => Join($"file {f.Path}", (f.Version is null ? null : "version " + OperatorName(f.VersionOperator), f.Version),
                (f.Timestamp is null ? null : "timestamp " + OperatorName(f.TimestampOperator), f.Timestamp?.ToString("O", CultureInfo.InvariantCulture))),
            FolderCondition f => Join($"folder {f.Path}",
                (f.Timestamp is null ? null : "timestamp " + OperatorName(f.TimestampOperator), f.Timestamp?.ToString("O", CultureInfo.InvariantCulture))),
            RegistryCondition r => r.Operator is ConditionOperator.Exists or ConditionOperator.NotExists
                ? $"registry {r.KeyPath}\\{r.ValueName} {OperatorName(r.Operator)}"
                : $"registry {r.KeyPath}\\{r.ValueName} {OperatorName(r.Operator)} {r.Data}",
            WmiQueryCondition w => $"WMI query {w.Query}",
            InstalledSoftwareCondition sw => $"installed software {sw.ProductName ?? sw.ProductCode ?? sw.UpgradeCode}",
            _ => condition.GetType().Name,
        };
    }

    /// <summary>How an if-statement is named: <c>If all</c>, <c>If any</c>, <c>If none</c>.</summary>
    public static string Kind(IfKind kind) => kind switch
    {
        IfKind.All => "all",
        IfKind.Any => "any",
        _ => "none",
    };

    /// <summary>An ordinal as people write it: 1st, 2nd, 3rd, 4th, 11th, 21st.</summary>
    public static string Ordinal(int number)
    {
        var suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>An operator as the console names it: <c>equals</c>, <c>greater than or equals</c>, <c>does not exist</c>.</summary>
    public static string OperatorName(ConditionOperator op) => op switch
    {
        ConditionOperator.Exists => "exists",
        ConditionOperator.NotExists => "does not exist",
        ConditionOperator.Equals => "equals",
        ConditionOperator.NotEquals => "not equals",
        ConditionOperator.Greater => "greater than",
        ConditionOperator.GreaterEqual => "greater than or equals",
        ConditionOperator.Less => "less than",
        ConditionOperator.LessEqual => "less than or equals",
        _ => "like",
    };

    private static string Join(string subject, params (string? Label, string? Value)[] parts)
    {
        var shown = parts.Where(p => p.Label is not null && p.Value is { Length: > 0 }).Select(p => $"{p.Label} {p.Value}").ToList();
        return shown.Count == 0 ? subject : $"{subject} {string.Join(", ", shown)}";
    }
}
