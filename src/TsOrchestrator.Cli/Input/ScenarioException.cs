namespace TsOrchestrator.Cli.Input;

/// <summary>A scenario file that cannot be read; the message names the file and place.</summary>
internal sealed class ScenarioException(string message, Exception? innerException = null) : Exception(message, innerException);
