using Microsoft.AspNetCore.Http.Json;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Content.Problems;

/// <summary>Problem details as the site server and a distribution point answer them.</summary>
public static class ProblemServiceCollectionExtensions
{
    /// <summary>
    /// Errors as RFC 9457 problem details naming the field, a refused body naming its limit, and the API's JSON. A host
    /// with errors of its own to name registers its exception handler before calling this: handlers run in order.
    /// </summary>
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = UploadLimit.NameServerLimit);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        return services;
    }

}
