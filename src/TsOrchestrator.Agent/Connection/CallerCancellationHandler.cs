namespace TsOrchestrator.Agent.Connection;

/// <summary>Outside the resilience pipeline: hands the caller's cancellation to <see cref="ServerFailoverHandler"/>.</summary>
internal sealed class CallerCancellationHandler : DelegatingHandler
{
    // Async, so that the value is the request's own and goes back when the call returns.
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ServerFailoverHandler.CallerCancellation.Value = cancellationToken;
        return await base.SendAsync(request, cancellationToken);
    }
}
