namespace TsOrchestrator.Agent.Handlers;

/// <summary>The step failed before or outside its program (bad setting, missing tool): its message is the step's reason.</summary>
internal sealed class StepFailedException(string message) : Exception(message);
