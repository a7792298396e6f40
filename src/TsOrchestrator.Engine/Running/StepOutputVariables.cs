using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Engine.Running;

/// <summary>
/// Which variables a step's result may set. User variables always; read-only (<c>_</c>-prefixed) ones only when a
/// built-in step documents them, as Configuration Manager's own steps set theirs (TS-SEMANTICS §4): Download Package
/// Content sets <c>_TSPackagePath&lt;ID&gt;</c> for the steps after it, Check Readiness its <c>_TS_CR*</c> results.
/// The engine's own <c>_SMSTS*</c> variables are never set by a step, and a step that runs the user's program
/// (command line, script, dynamic variables) sets no read-only variable at all.
/// </summary>
public static class StepOutputVariables
{
    private static readonly Dictionary<string, string[]> ReadOnlyPrefixesByStepType = new(StringComparer.OrdinalIgnoreCase)
    {
        [StepTypeIds.DownloadPackageContent] = ["_TSPackagePath"],
        [StepTypeIds.CheckReadiness] = ["_TS_CR"],
    };

    /// <summary>True when a step of <paramref name="stepType"/> may set <paramref name="name"/>.</summary>
    public static bool MaySet(string? stepType, string name)
    {
        if (!VariableName.IsValid(name))
        {
            return false;
        }

        if (!VariableName.IsReadOnly(name))
        {
            return true;
        }

        if (name.StartsWith("_SMSTS", StringComparison.OrdinalIgnoreCase) || stepType is null
            || !ReadOnlyPrefixesByStepType.TryGetValue(stepType, out var prefixes))
        {
            return false;
        }

        return prefixes.Any(prefix => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
