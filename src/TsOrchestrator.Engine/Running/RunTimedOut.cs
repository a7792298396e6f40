namespace TsOrchestrator.Engine.Running;

/// <summary>The sequence's maximum allowed run time was reached.</summary>
public sealed record RunTimedOut : RunEvent;
