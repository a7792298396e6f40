using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// Secrets inside a setting's value: Set Dynamic Variables rules name the variables of their <c>set</c> whose
/// values are secret (<c>"secret": ["JoinPassword"]</c>); those values are masked in an export.
/// </summary>
internal static class ElsaSecretValues
{
    public const string Mask = "********";

    /// <summary>The rules with secret values masked; <paramref name="masked"/> gets each masked variable's name.</summary>
    public static string MaskDynamicVariableRules(string rules, List<string> masked) =>
        DynamicVariableSecretValues.Rewrite(rules, (_, name, _) =>
        {
            masked.Add(name);
            return Mask;
        });
}
