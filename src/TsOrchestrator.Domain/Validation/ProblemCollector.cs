namespace TsOrchestrator.Domain.Validation;

/// <summary>Collects problems as rules find them, so every rule runs and all problems are reported at once.</summary>
internal sealed class ProblemCollector
{
    private readonly List<ValidationProblem> problems = [];

    public IReadOnlyList<ValidationProblem> Problems => problems;

    public void Error(string path, string field, string message) =>
        problems.Add(new ValidationProblem(path, field, message, ValidationSeverity.Error));

    public void Warning(string path, string field, string message) =>
        problems.Add(new ValidationProblem(path, field, message, ValidationSeverity.Warning));

    /// <summary>Reports text longer than <paramref name="max"/> characters; null counts as empty.</summary>
    public void MaxLength(string path, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            Error(path, field, $"must be at most {max} characters (has {text.Length})");
        }
    }
}
