namespace TsOrchestrator.Domain.Validation;

/// <summary>Every problem found in a task sequence, in the order the validator met them.</summary>
public sealed record ValidationResult
{
    public ValidationResult(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>True when there is no error; warnings do not make a sequence invalid.</summary>
    public bool IsValid => !Problems.Any(static p => p.Severity == ValidationSeverity.Error);

    public IEnumerable<ValidationProblem> Errors => Problems.Where(static p => p.Severity == ValidationSeverity.Error);

    public IEnumerable<ValidationProblem> Warnings => Problems.Where(static p => p.Severity == ValidationSeverity.Warning);
}
