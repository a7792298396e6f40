using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Problems;

/// <summary>
/// Turns the caller's mistakes into RFC 9457 problem details naming the field. Anything else is a
/// bug: it is logged here at Error, with the request it broke, and becomes a plain 500 without internals.
/// (Logged here rather than left to the exception handler middleware: whether that one logs depends on which
/// handler answered and on its category's level, and a 500 nobody can explain is worse than a line too many.)
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ApiProblemException p => FromProblem(p),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json.Path, json.Message),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            SequenceFormatException format => Malformed(null, format.Message),
            JsonException json => Malformed(json.Path, json.Message),

            // A save path that knows its object answers a stale version itself; this catches any race the others missed.
            DbUpdateException update when StoreRaces.IsRace(update) => FromProblem(StoreRaces.Conflict()),
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

    private static ProblemDetails FromProblem(ApiProblemException problem)
    {
        var details = problem.Errors is { } errors
            ? new ValidationProblemDetails(errors) { Status = problem.Status, Title = problem.Title, Detail = problem.Message }
            : new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message };
        foreach (var (name, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[name] = value;
        }

        return details;
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
