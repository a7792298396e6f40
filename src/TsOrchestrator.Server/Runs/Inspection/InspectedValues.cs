using TsOrchestrator.Server.StepSecrets;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>How a variable's value is shown by run inspection: a secret never, whatever its name.</summary>
public static class InspectedValues
{
    /// <summary>What stands for a secret value.</summary>
    public const string Masked = "********";

    /// <summary>
    /// The value as inspection keeps it. A value holding a protected secret (a Set Dynamic Variables value its rules
    /// mark secret, a password the server expanded) is masked before it is written; names known to be secret are
    /// masked again when read (<see cref="RunInspectionReader"/>).
    /// </summary>
    public static string? Keep(string? value) =>
        value is not null && value.Contains(StepSecretProtector.Prefix, StringComparison.Ordinal) ? Masked : value;
}
