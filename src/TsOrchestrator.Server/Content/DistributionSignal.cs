using System.Threading.Channels;

namespace TsOrchestrator.Server.Content;

/// <summary>Wakes this node's distribution worker when work was queued here, so it does not wait for its next poll.</summary>
public sealed class DistributionSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when woken or when the poll interval passed (another node may have queued work).</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(pollInterval);
        try
        {
            await _wakeUps.Reader.WaitToReadAsync(poll.Token);
            _wakeUps.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look at the queue anyway.
        }
    }
}
