namespace TsOrchestrator.Engine.Running;

/// <summary>Send this work item to the device's agent.</summary>
public sealed record DispatchWorkItem(WorkItem WorkItem) : EngineCommand;
