namespace TsOrchestrator.Engine.Running;

/// <summary>The run ended. <paramref name="PostAction"/> is <c>SMSTSPostAction</c>, for the agent to run.</summary>
public sealed record CompleteRun(RunStatus Status, string? PostAction) : EngineCommand;
