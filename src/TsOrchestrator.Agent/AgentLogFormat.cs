namespace TsOrchestrator.Agent;

/// <summary>How <see cref="AgentLog"/> writes a line: <c>--log-format</c> / <c>TSORCH_AGENT_LOG_FORMAT</c>.</summary>
internal enum AgentLogFormat
{
    Text,
    Json,
}
