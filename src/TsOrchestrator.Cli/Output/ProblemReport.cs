namespace TsOrchestrator.Cli.Output;

/// <summary>One problem in <c>tsorch validate --json</c>.</summary>
internal sealed record ProblemReport(string Severity, string Path, string Field, string Message);
