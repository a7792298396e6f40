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

    /// <summary>
    /// No problem but the warning that no agent runs a step type yet: rule tests use OSD steps whose Linux handlers are
    /// still to come, and that warning is pinned by CapabilityValidationTests.
    /// </summary>
    public static void ShouldHaveNoProblems(this ValidationResult result) =>
        result.Problems.Where(static p => !IsNoAgentWarning(p)).ShouldBeEmpty(string.Join("; ", result.Problems));

    public static bool IsNoAgentWarning(ValidationProblem problem) =>
        problem.Severity == ValidationSeverity.Warning && problem.Message.Contains("no agent on any platform runs", StringComparison.Ordinal);

    private static ValidationProblem ShouldHave(this ValidationResult result, string path, string field, ValidationSeverity severity)
    {
        var matches = result.Problems.Where(p => p.Path == path && p.Field == field && p.Severity == severity).ToList();
        matches.Count.ShouldBe(1, $"expected one {severity} at '{path}' '{field}'; problems: {string.Join("; ", result.Problems)}");
        return matches[0];
    }
}
