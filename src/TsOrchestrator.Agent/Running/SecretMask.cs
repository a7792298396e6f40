using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// Every secret value a step was given, masked wherever the step's log, failure message and output variables would
/// carry it off the device (the live log upload, the step's log file, the journal, the result the server stores):
/// the secret variables the server names, the step's secret settings (passwords), and the values Set Dynamic Variables
/// rules mark secret. Values shorter than <see cref="MinimumLength"/> are left: masking one or two characters would
/// blank ordinary text (exit codes, drive letters) and hide nothing worth hiding.
/// </summary>
internal sealed class SecretMask
{
    public const string Mask = "********";
    public const int MinimumLength = 3;

    /// <summary>Masks nothing.</summary>
    public static readonly SecretMask None = new([]);

    // Longest first, so that a secret containing another is masked whole.
    private readonly string[] _values;

    private SecretMask(IEnumerable<string> values) =>
        _values = [.. values.Where(v => v.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];

    public bool IsEmpty => _values.Length == 0;

    /// <summary>Masks the given values (those the server revealed in the post action).</summary>
    public static SecretMask Of(IEnumerable<string>? values) => values is null ? None : new SecretMask(values);

    /// <summary>The secrets of one work item, with its settings as the step sees them (secret ones expanded).</summary>
    public static SecretMask For(AgentWorkItem item, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(settings);
        var values = new List<string>();
        if (item.SecretVariables is { } names && item.Variables is { } variables)
        {
            values.AddRange(names.Select(n => variables.TryGetValue(n, out var value) ? value : "").Where(v => v.Length > 0));
        }

        if (item.StepType is { } type && StepCatalog.Find(type) is { } descriptor)
        {
            foreach (var setting in descriptor.Settings.Where(s => s.Secret))
            {
                if (settings.TryGetValue(setting.Name, out var value) && value.Length > 0)
                {
                    values.Add(value);
                }
            }

            if (type == StepTypeIds.SetDynamicVariables && settings.TryGetValue(DynamicVariableSecretValues.RulesSetting, out var rules))
            {
                values.AddRange(DynamicVariableSecretValues.Find(rules).Select(v => v.Value));
            }
        }

        return values.Count == 0 ? None : new SecretMask(values);
    }

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// The result with its message and output variables masked. Set Dynamic Variables is the exception for its
    /// variables: the values its rules mark secret go back in clear on purpose, and the server seals them before they
    /// enter the run (any other step that printed a secret would hand it to the server unsealed).
    /// </summary>
    public WorkItemResult Apply(WorkItemResult result, string? stepType)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (IsEmpty)
        {
            return result;
        }

        var variables = result.Variables is not { } set || stepType == StepTypeIds.SetDynamicVariables
            ? result.Variables
            : set.ToDictionary(v => v.Key, v => Apply(v.Value), StringComparer.OrdinalIgnoreCase);
        return result with { Message = result.Message is { } message ? Apply(message) : null, Variables = variables };
    }
}
