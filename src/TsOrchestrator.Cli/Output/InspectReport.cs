namespace TsOrchestrator.Cli.Output;

/// <summary>The output of <c>tsorch inspect --json</c>: counts over the whole tree.</summary>
internal sealed record InspectReport(string Name, int Groups, int Steps, int DisabledNodes, int ContinueOnErrorNodes, int Conditions,
    IReadOnlyDictionary<string, int> StepTypes);
