namespace TsOrchestrator.Agent;

/// <summary>Something the person running the agent must fix (a missing option, a refused request): printed as one line.</summary>
internal sealed class AgentUsageException(string message) : Exception(message);
