using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Content.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Problems;

/// <summary>
/// The store's failures that are not bugs, answered where the shared <see cref="ProblemExceptionHandler"/> (which knows no
/// store) would answer 500: a race any save path missed is a 409, and PostgreSQL restarting under a call that could not
/// be run again (an upload, a started stream) or that outlasted the reruns is a 503 with Retry-After, the caller's to repeat.
/// </summary>
internal sealed partial class StoreExceptionHandler(IProblemDetailsService problems, ILogger<StoreExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails details;
        if (exception is DbUpdateException update && StoreRaces.IsRace(update))
        {
            details = ProblemExceptionHandler.FromProblem(StoreRaces.Conflict());
        }
        else if (StoreConnectionFailures.IsConnectionFailure(exception))
        {
            LogStoreUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = "5";
            details = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "Store unavailable",
                Detail = "the store's connection failed (the database restarting?): send the request again in a few seconds",
            };
        }
        else
        {
            return false;
        }

        httpContext.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the store's connection failed ({Error})")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string path, string error);
}
