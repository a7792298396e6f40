namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// The server answered, but with something the agent will not act on: a body too large, not the contract's JSON, a
/// required field or list entry missing, an id that is not a name. The call is refused and asked again, as a server
/// fault that may pass, rather than letting one bad answer end the agent or reach the file system.
/// </summary>
internal sealed class ServerAnswerException(string message, Exception? inner = null) : Exception(message, inner);
