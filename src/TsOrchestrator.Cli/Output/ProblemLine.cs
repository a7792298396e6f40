using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Cli.Output;

/// <summary>A validation problem as one compiler-style line, <c>file: error: 2/0 type: message</c>, the same in every command.</summary>
internal static class ProblemLine
{
    public static string Of(string file, ValidationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{file}: {Severity(problem.Severity)}: {Where(problem.Path, problem.Field)}: {problem.Message}";
    }

    /// <summary>Several places with one problem: the field and message once, the places listed after.</summary>
    public static string Repeated(string file, ValidationSeverity severity, string field, string message, string places) =>
        $"{file}: {Severity(severity)}: {field}: {message} ({places})";

    /// <summary>The node path and field; a problem of the sequence itself has no path.</summary>
    public static string Where(string path, string field) => path.Length == 0 ? field : $"{path} {field}";

    private static string Severity(ValidationSeverity severity) => severity.ToString().ToLowerInvariant();
}
