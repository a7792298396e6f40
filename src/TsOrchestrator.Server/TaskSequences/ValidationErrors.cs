using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>Validation errors as a problem's field errors: <c>nodes[2/0/3].settings.CommandLine</c>, which the designer puts on its node.</summary>
internal static class ValidationErrors
{
    public static Dictionary<string, string[]> Of(ValidationResult result) =>
        result.Errors
            .GroupBy(p => p.Path.Length == 0 ? p.Field : $"nodes[{p.Path}].{p.Field}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}
