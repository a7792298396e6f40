namespace TsOrchestrator.Content.Problems;

/// <summary>
/// A request the server refuses for a reason the caller can fix. Becomes an RFC 9457 problem
/// detail; <see cref="Errors"/> names the offending fields.
/// </summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(int status, string title, string detail, IDictionary<string, string[]>? errors = null,
        IDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Errors = errors;
        Extensions = extensions;
    }

    public ApiProblemException()
        : this(StatusCodes.Status400BadRequest, "Bad request", "bad request")
    {
    }

    public ApiProblemException(string message)
        : this(StatusCodes.Status400BadRequest, "Bad request", message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Title = "Bad request";
    }

    public int Status { get; }
    public string Title { get; }
    public IDictionary<string, string[]>? Errors { get; }
    public IDictionary<string, object?>? Extensions { get; }
}
