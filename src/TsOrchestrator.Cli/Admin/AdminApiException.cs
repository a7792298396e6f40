namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// The server (or a distribution point) refused a call or could not be reached; the message is the one line the user
/// sees (status, problem title, detail, field errors — or which server did not answer). <see cref="Status"/> and
/// <see cref="Body"/> keep what the refusal said, for <c>--json</c>'s problem document.
/// </summary>
internal sealed class AdminApiException(string message, Exception? inner = null, int? status = null, string? body = null) : Exception(message, inner)
{
    public int? Status { get; } = status;

    public string? Body { get; } = body;
}
