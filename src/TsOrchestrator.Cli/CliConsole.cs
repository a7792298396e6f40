namespace TsOrchestrator.Cli;

/// <summary>Where commands write: the real console, or captured writers in tests.</summary>
internal sealed record CliConsole(TextWriter Output, TextWriter Error);
