using Microsoft.Extensions.Logging;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Runs a call again when the store's connection failed under it (PostgreSQL restarting), so that a restart costs a
/// device or an administrator a short wait rather than a 500. It wraps every endpoint. A rerun is safe because the call
/// either committed nothing (most of a restart's failures come from connections broken before the command) or wrote
/// under a guard the rerun meets: a run's version, an idempotent result, a log chunk once per offset, a name that is
/// unique (a 409 the caller can read). Not rerun: a call whose handler streamed a request body larger than a document
/// (an upload: the body is gone), or whose answer has begun (an event stream); those get a 503 with Retry-After.
/// </summary>
internal sealed partial class StoreRetryFilter(StoreContext store, TimeProvider clock, ILogger<StoreRetryFilter> logger) : IEndpointFilter
{
    private const int KeptInMemoryBytes = 64 * 1024;

    private const long KeptBodyBytes = 4L * 1024 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;

        // A body bound from JSON was read before any filter runs. One the handler reads itself is kept to read again up
        // to the size of the largest document (a sequence's save); a larger one (an upload) is only watched, and a call
        // that read it is not run again.
        var request = http.Request;
        BodyReadWatch? watch = null;
        if (request.ContentLength is > 0 and <= KeptBodyBytes)
        {
            request.EnableBuffering(KeptInMemoryBytes, KeptBodyBytes);
        }
        else if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            request.Body = watch = new BodyReadWatch(request.Body);
        }

        return await StoreConnectionFailures.RetryAsync(store, _ => next(context).AsTask(), clock, http.RequestAborted,
            canRerun: () => !http.Response.HasStarted && watch?.WasRead != true && Rewound(request),
            onRerun: (attempt, e) => LogRetry(http.Request.Method, http.Request.Path, attempt, e.Message));
    }

    private static bool Rewound(HttpRequest request)
    {
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store's connection failed under {Method} {Path} ({Error}); running the call again (retry {Attempt})")]
    private partial void LogRetry(string method, PathString path, int attempt, string error);
}
