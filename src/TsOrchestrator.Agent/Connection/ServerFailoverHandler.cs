namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// Sends each attempt to the server <see cref="ServerChoice"/> holds, and moves the choice on when that server does not
/// answer. It sits inside the resilience pipeline, so the pipeline's next attempt already goes to the next server, and
/// a run's result reaches another node within one retry (agent calls are idempotent, so a result the lost node had
/// taken is only taken again, never applied twice).
/// </summary>
internal sealed class ServerFailoverHandler(ServerChoice choice) : DelegatingHandler
{
    /// <summary>
    /// The caller's own cancellation, set outside the pipeline: an attempt cancelled by it is the agent stopping, one
    /// cancelled otherwise is the pipeline's attempt time-out, a server that did not answer in time.
    /// </summary>
    public static readonly AsyncLocal<CancellationToken> CallerCancellation = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var server = choice.Current;
        request.RequestUri = choice.Rebase(request.RequestUri!, server);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            choice.Failed(server, ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (!CallerCancellation.Value.IsCancellationRequested && cancellationToken.IsCancellationRequested)
        {
            choice.Failed(server, "no answer in time");
            throw;
        }

        if ((int)response.StatusCode >= 500)
        {
            choice.Failed(server, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return response;
    }
}
