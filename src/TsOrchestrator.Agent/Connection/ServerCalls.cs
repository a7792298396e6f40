using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// Keeps calling through a server outage. The resilience pipeline rides out blips; this outer loop rides out a server
/// that is down for minutes, so a step result is held (and journaled) until the server takes it.
/// </summary>
internal static class ServerCalls
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilDeliveredAsync<T>(Func<CancellationToken, Task<T>> call, string what, AgentLog log, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (ServerAnswerException ex)
            {
                log.Error($"{what}: refused the server's answer ({ex.Message}); asking again in {delay.TotalSeconds:0} s");
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)), cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
            catch (Exception ex) when (IsOutage(ex, cancellationToken))
            {
                log.Warn($"{what}: the server does not answer ({Describe(ex)}); trying again in {delay.TotalSeconds:0} s");
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)), cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    /// <summary>True for what passes by itself (no answer, a 5xx, throttling); false for an answer that will not change.</summary>
    public static bool IsOutage(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        ApiException api => (int)api.StatusCode >= 500 || api.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        // Refit wraps a request that never got an answer (refused, reset, timed out) in ApiRequestException.
        // A refused answer is a server fault too: asking again is all the agent can do about it.
        ServerAnswerException or ApiRequestException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException or IOException => true,
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        ApiException api => $"{(int)api.StatusCode} {api.ReasonPhrase}",
        ApiRequestException { InnerException: { } inner } => inner.Message,
        _ => exception.Message,
    };
}
