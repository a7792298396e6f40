namespace TsOrchestrator.Cli.Input;

/// <summary>The command line lacks something a command needs; the message says what.</summary>
internal sealed class UsageException(string message) : Exception(message);
