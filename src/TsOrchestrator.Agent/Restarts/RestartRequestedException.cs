namespace TsOrchestrator.Agent.Restarts;

/// <summary>The device is going down for a restart the run asked for: the agent stops here and picks up after it.</summary>
internal sealed class RestartRequestedException() : Exception("the run asked the device to restart");
