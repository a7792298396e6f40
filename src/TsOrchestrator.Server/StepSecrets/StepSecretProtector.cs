using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.StepSecrets;

/// <summary>
/// Step secrets at rest: passwords, the BitLocker PIN and the values Set Dynamic Variables rules mark secret are
/// stored as <c>enc1:</c> followed by a Data Protection payload (the key ring is the one that protects collection
/// and device variables, under a purpose of their own). Everything the server keeps — versions, run definitions,
/// a run's pending work item and its variables — holds them so; they are revealed only in the answer that hands a
/// work item to its device.
/// </summary>
public sealed partial class StepSecretProtector(IDataProtectionProvider protection)
{
    public const string Purpose = "TsOrchestrator.StepSecrets";

    /// <summary>Marks a protected value, so a reader knows it is not the secret itself (and a second pass leaves it).</summary>
    public const string Prefix = SealedValues.Marker;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The document with every secret value of its steps protected.</summary>
    public TaskSequence Protect(TaskSequence sequence) => StepSecretValues.Rewrite(sequence, Protect);

    /// <summary>One step's settings with their secret values protected.</summary>
    public IReadOnlyDictionary<string, string> Protect(string? stepType, IReadOnlyDictionary<string, string> settings) =>
        StepSecretValues.Rewrite(stepType, settings, Protect);

    /// <summary>
    /// A secret value as it is stored. Empty values and the export placeholder hold no secret; a value this key ring
    /// already protected stays as it is, so protecting is idempotent; a Set Dynamic Variables value holding a
    /// <c>%Var%</c> reference is left for the server to expand (the secret is the variable's, protected where it lives).
    /// </summary>
    public string Protect(string value, bool expandedOnServer)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 || value == SecretMasking.Placeholder || IsProtectedHere(value) ||
               (expandedOnServer && VariableExpander.HasReferences(value))
            ? value
            : Prefix + _protector.Protect(value);
    }

    /// <summary>
    /// The values a Set Dynamic Variables step sent back, with those its rules mark secret protected before they
    /// enter the run's state (the device sends them in clear; the run's state is stored).
    /// </summary>
    public IReadOnlyDictionary<string, string> ProtectResult(AgentWorkItem item, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(variables);
        if (item.StepType != StepTypeIds.SetDynamicVariables ||
            !item.Settings.TryGetValue(DynamicVariableSecretValues.RulesSetting, out var rules))
        {
            return variables;
        }

        var secret = DynamicVariableSecretValues.Find(rules).Select(v => v.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return secret.Count == 0 || !variables.Keys.Any(secret.Contains)
            ? variables
            : variables.ToDictionary(v => v.Key, v => secret.Contains(v.Key) ? Protect(v.Value, expandedOnServer: false) : v.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The work item as its device must see it: every protected value in its settings and variables revealed,
    /// wherever it stands (a whole password, a value inside rules, or a secret variable the server expanded into a
    /// setting). A setting holding JSON gets the value JSON-escaped. Nothing is done when nothing is protected,
    /// which is the common case, at the cost of one scan of the values.
    /// </summary>
    public AgentWorkItem Reveal(AgentWorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var settings = RevealAll(item.Settings, name => item.StepType is { } type && StepCatalog.Find(type)?.FindSetting(name)?.Kind == SettingKind.Rules);
        var variables = item.Variables is null ? null : RevealAll(item.Variables, _ => false);
        if (ReferenceEquals(settings, item.Settings) && ReferenceEquals(variables, item.Variables))
        {
            return item;
        }

        // A variable that held a sealed value is secret on the device too: the agent masks its value in what it sends back.
        var secret = item.Variables?.Where(v => SealedValues.Contains(v.Value)).Select(v => v.Key).ToList();
        return item with
        {
            Settings = settings, Variables = variables,
            SecretVariables = secret is { Count: > 0 } ? [.. item.SecretVariables ?? [], .. secret] : item.SecretVariables,
        };
    }

    /// <summary>
    /// A text with every protected value in it revealed (the post action a step set from a secret variable); the
    /// revealed values are added to <paramref name="revealed"/> for the device to mask.
    /// </summary>
    public string Reveal(string text, ICollection<string> revealed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(revealed);
        return !text.Contains(Prefix, StringComparison.Ordinal) ? text : ProtectedToken().Replace(text, token =>
        {
            if (!TryUnprotect(token.Value, out var clear))
            {
                return token.Value;
            }

            revealed.Add(clear);
            return clear;
        });
    }

    private IReadOnlyDictionary<string, string> RevealAll(IReadOnlyDictionary<string, string> values, Func<string, bool> holdsJson)
    {
        Dictionary<string, string>? revealed = null;
        foreach (var (name, value) in values)
        {
            if (!value.Contains(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var json = holdsJson(name);
            revealed ??= new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            revealed[name] = ProtectedToken().Replace(value, token =>
                TryUnprotect(token.Value, out var clear) ? (json ? JsonEncodedText.Encode(clear).Value : clear) : token.Value);
        }

        return revealed ?? values;
    }

    private bool IsProtectedHere(string value) => TryUnprotect(value, out _);

    // A value that only looks protected (a password that happens to start with the prefix, or a payload of another
    // key ring) is not one: it is protected like any other rather than failing where it is revealed.
    private bool TryUnprotect(string value, out string clear)
    {
        clear = "";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            clear = _protector.Unprotect(value[Prefix.Length..]);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // Data Protection writes its payload in base64url, so a protected value ends where those characters end.
    [GeneratedRegex("enc1:[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedToken();
}
