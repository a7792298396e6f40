using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TsOrchestrator.Content.Problems;

namespace TsOrchestrator.Content.Uploads;

/// <summary>
/// The limit of one upload route: refused by its declared length (<c>Content-Length</c>) before a byte is read or
/// written, and counted while it is read when it declares none (chunked), refused the moment it passes the limit.
/// Either way the answer is 413 naming the setting.
/// </summary>
public static class UploadLimit
{
    /// <summary>Checks the declared length and returns the body to read, counted against <paramref name="limit"/>.</summary>
    public static Stream Body(HttpContext http, long limit, string setting)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength > limit)
        {
            throw TooLarge(limit, setting, declared: http.Request.ContentLength);
        }

        // The server's own count replaces its default for bodies without a length (ours stops them first, with a problem).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }

        return new BoundedStream(http.Request.Body, limit, _ => TooLarge(limit, setting, declared: null));
    }

    public static ApiProblemException TooLarge(long limit, string setting, long? declared)
    {
        var message = declared is { } length
            ? $"the body declares {length:N0} bytes, more than the limit of {limit:N0} bytes ({setting}); nothing was written"
            : $"the body is larger than the limit of {limit:N0} bytes ({setting})";
        return new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Request body too large", message, Problem.Field("body", message),
            new Dictionary<string, object?> { ["limit"] = limit, ["setting"] = setting });
    }

    /// <summary>
    /// A body the server refused by its own limit (Kestrel's, from <c>Uploads:MaxRequestBodyBytes</c>) before any route
    /// saw it is answered with the bare status; this names the limit, as every other refusal does.
    /// </summary>
    public static void NameServerLimit(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Status != StatusCodes.Status413PayloadTooLarge || context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxRequestBodyBytes;
        var setting = $"{UploadOptions.Section}:{nameof(UploadOptions.MaxRequestBodyBytes)}";
        var message = $"the body is larger than the limit of {limit:N0} bytes ({setting})";
        context.ProblemDetails.Title = "Request body too large";
        context.ProblemDetails.Detail = message;
        context.ProblemDetails.Extensions["errors"] = Problem.Field("body", message);
        context.ProblemDetails.Extensions["limit"] = limit;
        context.ProblemDetails.Extensions["setting"] = setting;
    }
}
