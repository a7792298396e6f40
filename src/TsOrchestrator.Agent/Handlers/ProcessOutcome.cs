namespace TsOrchestrator.Agent.Handlers;

/// <summary>How a step's process ended. <see cref="Output"/> is its standard output, kept for an output variable.</summary>
internal sealed record ProcessOutcome(int ExitCode, bool TimedOut, bool Cancelled, string Output);
