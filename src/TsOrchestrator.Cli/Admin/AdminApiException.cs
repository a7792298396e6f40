namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// The server refused a call or could not be reached; the message is the one line the user sees
/// (status, problem title, detail, field errors — or which server did not answer).
/// </summary>
internal sealed class AdminApiException(string message, Exception? inner = null) : Exception(message, inner);
