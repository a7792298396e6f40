namespace TsOrchestrator.Engine.Running;

/// <summary>Stop this work item on the device (cancel, time-out).</summary>
public sealed record CancelWorkItem(string WorkItemId) : EngineCommand;
