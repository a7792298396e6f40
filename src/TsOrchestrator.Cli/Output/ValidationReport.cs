namespace TsOrchestrator.Cli.Output;

/// <summary>The output of <c>tsorch validate --json</c>.</summary>
internal sealed record ValidationReport(bool Valid, IReadOnlyList<ProblemReport> Problems);
