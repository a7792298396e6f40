namespace TsOrchestrator.Cli.Output;

/// <summary>The output of <c>tsorch simulate --json</c>.</summary>
internal sealed record SimulationReport(string Status, IReadOnlyList<StepReport> Steps, IReadOnlyDictionary<string, string> Variables);
