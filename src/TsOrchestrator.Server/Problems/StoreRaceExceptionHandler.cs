using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Content.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Problems;

/// <summary>
/// A save path that knows its object answers a stale version itself; this catches any store race the others missed and
/// answers 409 where the shared <see cref="ProblemExceptionHandler"/> (which knows no store) would answer 500.
/// </summary>
internal sealed class StoreRaceExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateException update || !StoreRaces.IsRace(update))
        {
            return false;
        }

        var details = ProblemExceptionHandler.FromProblem(StoreRaces.Conflict());
        httpContext.Response.StatusCode = details.Status ?? StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception }).ConfigureAwait(false);
    }
}
