using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Assertions that find one problem by where it is, so tests read as "this field has this problem".</summary>
internal static class ProblemAssertions
{
    public static ValidationProblem ShouldHaveError(this ValidationResult result, string path, string field) =>
        result.ShouldHave(path, field, ValidationSeverity.Error);

    public static ValidationProblem ShouldHaveWarning(this ValidationResult result, string path, string field) =>
        result.ShouldHave(path, field, ValidationSeverity.Warning);

    public static void ShouldHaveNoProblemAt(this ValidationResult result, string path, string field) =>
        result.Problems.Where(p => p.Path == path && p.Field == field).ShouldBeEmpty();

    public static void ShouldHaveNoProblems(this ValidationResult result) =>
        result.Problems.ShouldBeEmpty(string.Join("; ", result.Problems));

    private static ValidationProblem ShouldHave(this ValidationResult result, string path, string field, ValidationSeverity severity)
    {
        var matches = result.Problems.Where(p => p.Path == path && p.Field == field && p.Severity == severity).ToList();
        matches.Count.ShouldBe(1, $"expected one {severity} at '{path}' '{field}'; problems: {string.Join("; ", result.Problems)}");
        return matches[0];
    }
}
