using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Content.Problems;

/// <summary>
/// Turns the caller's mistakes into RFC 9457 problem details naming the field. Anything else is a
/// bug: it is logged here at Error, with the request it broke, and becomes a plain 500 without internals.
/// The site server puts its store's races in front of this one (a 409, never a 500).
/// (Logged here rather than left to the exception handler middleware: whether that one logs depends on which
/// handler answered and on its category's level, and a 500 nobody can explain is worse than a line too many.)
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ApiProblemException p => FromProblem(p),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json.Path, json.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } bad => new ValidationProblemDetails(Problem.Field("body", bad.Message))
            {
                Status = bad.StatusCode, Title = "Request body too large", Detail = $"{bad.Message} (setting Uploads:MaxRequestBodyBytes)",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            SequenceFormatException format => Malformed(null, format.Message),
            JsonException json => Malformed(json.Path, json.Message),
            NotSupportedException { Source: "System.Text.Json" } unreadable => Unreadable(unreadable.Message),
            _ => null,
        };
        if (details is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            details = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An error occurred while processing your request." };
        }

        httpContext.Response.StatusCode = details.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with an unexpected exception; answered 500")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    /// <summary>The problem details of a problem the code raised on purpose.</summary>
    public static ProblemDetails FromProblem(ApiProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = problem.Errors is { } errors
            ? new ValidationProblemDetails(errors) { Status = problem.Status, Title = problem.Title, Detail = problem.Message }
            : new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message };
        foreach (var (name, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[name] = value;
        }

        return details;
    }

    /// <summary>
    /// The serializer meets an abstract type without its discriminator (a node without <c>kind</c>, a condition without
    /// <c>type</c>) in a body it binds: the body's fault, said in the document's words rather than with type names.
    /// </summary>
    private static ValidationProblemDetails Unreadable(string message)
    {
        var at = message.IndexOf("Path: ", StringComparison.Ordinal);
        var path = at < 0 ? null : message[(at + 6)..].Split(' ', 2)[0];
        var what = message.Contains("TaskSequenceNode", StringComparison.Ordinal)
            ? "the node has no \"kind\": every node is \"kind\": \"group\" or \"kind\": \"step\""
            : message.Contains("Condition", StringComparison.Ordinal)
                ? "the condition has no \"type\" (if, variable, osVersion, osLanguage, file, folder, registry, wmi or software)"
                : "the body holds an object whose kind cannot be told";
        return Malformed(path, path is null ? what : $"{path}: {what}");
    }

    private static ValidationProblemDetails Malformed(string? path, string message)
    {
        var field = string.IsNullOrEmpty(path) ? "body" : path;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return new ValidationProblemDetails(Problem.Field(field, text))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Malformed request body",
            Detail = text,
        };
    }
}
