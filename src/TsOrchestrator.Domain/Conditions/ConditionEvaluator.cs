using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// Evaluates conditions against variables and, when given, the device's state. Without a device,
/// expressions over the device are unknown (null), and an if-statement is decided without them
/// wherever the known parts already decide it.
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>True, false, or null when the result needs a device and none was given.</summary>
    public static bool? Evaluate(Condition condition, IReadOnlyDictionary<string, string> variables, IDeviceState? device = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(variables);
        return condition switch
        {
            IfStatement s => EvaluateIf(s, variables, device),
            VariableCondition v => EvaluateVariable(v, variables, device),
            _ when device is null => null,
            OsVersionCondition os => EvaluateOs(os, device),
            OsLanguageCondition lang => ValueComparison.Compare(device.OsLanguage, lang.Operator, lang.Language),
            FileCondition f => EvaluateFile(f, variables, device),
            FolderCondition f => EvaluateFolder(f, variables, device),
            RegistryCondition r => EvaluateRegistry(r, variables, device),
            WmiQueryCondition w => device.WmiQueryHasRows(w.Namespace, w.Query) ?? (w.IgnoreQueryFailure ? false : throw new ConditionEvaluationException($"WMI query failed: {w.Query}")),
            InstalledSoftwareCondition sw => device.IsSoftwareInstalled(sw),
            _ => throw new ConditionEvaluationException($"unknown condition type {condition.GetType().Name}"),
        };
    }

    /// <summary>
    /// Evaluates the condition and says which sub-condition decided. The result comes from the same code as
    /// <see cref="Evaluate"/>, so the explanation cannot drift from the decision.
    /// </summary>
    public static ConditionVerdict Explain(Condition condition, IReadOnlyDictionary<string, string> variables, IDeviceState? device = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(variables);
        if (condition is not IfStatement statement)
        {
            var result = Evaluate(condition, variables, device);
            return new ConditionVerdict(result, $"{ConditionText.Describe(condition)} {Word(result)}");
        }

        var decided = DecideIf(statement, variables, device, out var decider);
        var kind = "If " + ConditionText.Kind(statement.Kind);
        if (decider >= 0)
        {
            var child = statement.Conditions[decider];
            var inner = child is IfStatement ? Explain(child, variables, device).Explanation : ConditionText.Describe(child);
            // The decider's own result follows from the kind: only a false one decides All, only a true one Any and None.
            var childResult = Word(statement.Kind != IfKind.All);
            return new ConditionVerdict(decided, $"{kind}: {ConditionText.Ordinal(decider + 1)} condition ({inner}) {childResult}");
        }

        var count = statement.Conditions.Count;
        var text = decided switch
        {
            null => $"{kind}: needs the device",
            _ when count == 0 => $"{kind}: no conditions",
            _ when statement.Kind == IfKind.All => $"{kind}: all {count} conditions true",
            _ => $"{kind}: none of {count} conditions true",
        };
        return new ConditionVerdict(decided, text);
    }

    private static string Word(bool? result) => result switch { true => "true", false => "false", null => "unknown without the device" };

    private static bool? EvaluateIf(IfStatement statement, IReadOnlyDictionary<string, string> variables, IDeviceState? device) =>
        DecideIf(statement, variables, device, out _);

    /// <summary>The if-statement's result, and the index of the condition that decided it alone (-1 when all of them did).</summary>
    private static bool? DecideIf(IfStatement statement, IReadOnlyDictionary<string, string> variables, IDeviceState? device, out int decider)
    {
        var unknown = false;
        decider = -1;
        for (var i = 0; i < statement.Conditions.Count; i++)
        {
            var result = Evaluate(statement.Conditions[i], variables, device);
            if (result is null)
            {
                unknown = true;
                continue;
            }

            switch (statement.Kind)
            {
                case IfKind.All when !result.Value:
                case IfKind.None when result.Value:
                    decider = i;
                    return false;
                case IfKind.Any when result.Value:
                    decider = i;
                    return true;
            }
        }

        if (unknown)
        {
            return null;
        }

        return statement.Kind switch
        {
            IfKind.All => true,
            IfKind.Any => false,
            _ => true,
        };
    }

    /// <summary>Null for a comparison with a sealed (secret) value away from the device: only the device can read it.</summary>
    private static bool? EvaluateVariable(VariableCondition condition, IReadOnlyDictionary<string, string> variables, IDeviceState? device)
    {
        var present = variables.TryGetValue(condition.Variable, out var value);
        return condition.Operator switch
        {
            ConditionOperator.Exists => present,
            ConditionOperator.NotExists => !present,
            _ when !present => false,
            _ when device is null && SealedValues.Contains(value!) => null,
            _ => ValueComparison.Compare(value!, condition.Operator, condition.Value ?? string.Empty),
        };
    }

    private static bool EvaluateOs(OsVersionCondition os, IDeviceState device)
    {
        if (os.Platform is { Length: > 0 } platform && !string.Equals(platform, device.OsPlatform, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (os.Architecture is { Length: > 0 } arch && !string.Equals(arch, device.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return os.Version is not { Length: > 0 } version || ValueComparison.Compare(device.OsVersion, os.Operator, version);
    }

    private static bool EvaluateFile(FileCondition file, IReadOnlyDictionary<string, string> variables, IDeviceState device)
    {
        var path = VariableExpander.Expand(file.Path, variables);
        if (!device.FileExists(path))
        {
            return false;
        }

        if (file.Version is { Length: > 0 } version &&
            (device.FileVersion(path) is not { } actual || !ValueComparison.Compare(actual, file.VersionOperator, version)))
        {
            return false;
        }

        return file.Timestamp is not { } stamp ||
               (device.FileTimestamp(path) is { } actualStamp && CompareTimes(actualStamp, file.TimestampOperator, stamp));
    }

    private static bool EvaluateFolder(FolderCondition folder, IReadOnlyDictionary<string, string> variables, IDeviceState device)
    {
        var path = VariableExpander.Expand(folder.Path, variables);
        if (!device.FolderExists(path))
        {
            return false;
        }

        return folder.Timestamp is not { } stamp ||
               (device.FolderTimestamp(path) is { } actual && CompareTimes(actual, folder.TimestampOperator, stamp));
    }

    private static bool EvaluateRegistry(RegistryCondition registry, IReadOnlyDictionary<string, string> variables, IDeviceState device)
    {
        var data = device.RegistryValue(VariableExpander.Expand(registry.KeyPath, variables), registry.ValueName);
        return registry.Operator switch
        {
            ConditionOperator.Exists => data is not null,
            ConditionOperator.NotExists => data is null,
            _ when data is null => false,
            _ => ValueComparison.Compare(data, registry.Operator, registry.Data ?? string.Empty),
        };
    }

    private static bool CompareTimes(DateTimeOffset actual, ConditionOperator op, DateTimeOffset expected)
    {
        var order = actual.CompareTo(expected);
        return op switch
        {
            ConditionOperator.Equals => order == 0,
            ConditionOperator.NotEquals => order != 0,
            ConditionOperator.Greater => order > 0,
            ConditionOperator.GreaterEqual => order >= 0,
            ConditionOperator.Less => order < 0,
            ConditionOperator.LessEqual => order <= 0,
            _ => true,
        };
    }
}
