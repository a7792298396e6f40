namespace TsOrchestrator.Bench.Fleet;

/// <summary>
/// The agent the footprint measures: a Native AOT binary started as itself, or the framework-dependent
/// <c>tsorch-agent.dll</c> started under <c>dotnet</c>.
/// </summary>
internal sealed record MeasuredAgent(string Path, bool Native);
