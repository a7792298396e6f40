using Microsoft.Extensions.Logging;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Agents;

/// <summary>
/// Runs an agent call again when the store's connection failed under it (PostgreSQL restarting), so that a restart costs
/// a device a short wait rather than a 500. Every call it wraps is safe to repeat: results, conditions and restart reports
/// are idempotent and guarded by the run's version, reads are reads, a log chunk is stored once per offset, and a
/// check-in that started a run finds that run the second time. Registration is not wrapped.
/// </summary>
internal sealed partial class StoreRetryFilter(StoreContext store, TimeProvider clock, ILogger<StoreRetryFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (attempt < StoreConnectionFailures.RetryWaits.Count && StoreConnectionFailures.IsConnectionFailure(e) && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                LogRetry(context.HttpContext.Request.Path, attempt + 1, e.Message);
                await StoreConnectionFailures.ResetAsync(store);
                await Task.Delay(StoreConnectionFailures.RetryWaits[attempt], clock, context.HttpContext.RequestAborted);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store's connection failed under {Path} ({Error}); running the call again (retry {Attempt})")]
    private partial void LogRetry(PathString path, int attempt, string error);
}
