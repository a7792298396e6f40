namespace TsOrchestrator.Engine.Running;

/// <summary>Raise <see cref="StepTimedOut"/> for this work item if it is still running after the delay.</summary>
public sealed record ScheduleStepTimeout(string WorkItemId, TimeSpan Delay) : EngineCommand;
