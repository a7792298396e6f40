namespace TsOrchestrator.Cli.Output;

/// <summary>One line of <c>tsorch simulate --json</c>'s steps: a step executed or a node skipped.</summary>
internal sealed record StepReport(string Path, string Name, string? Type, string Status, string? Reason, int? ExitCode, int Attempt);
