using System.Collections.Concurrent;
using System.Threading.Channels;
using TsOrchestrator.Contracts.Runs;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// Fans run changes out to live watchers on this node, and through the site bus to the other nodes' watchers.
/// Notifications only: the store stays the record, and a watcher that falls behind loses the oldest events, never the
/// run's state (it reads the run).
/// </summary>
public sealed class RunEventHub(ScaleOut.ISiteBus site)
{
    private readonly ConcurrentDictionary<Channel<RunEventMessage>, string> _watchers = new();

    /// <summary>A change this node committed: to its watchers and to the other nodes'.</summary>
    public void Publish(RunEventMessage message)
    {
        Deliver(message);
        site.Send(ScaleOut.SiteMessage.ForRun(message));
    }

    /// <summary>Whether anyone on this node watches the run (a large event from another node is read only then).</summary>
    public bool IsWatched(string runId) => _watchers.Values.Contains(runId, StringComparer.Ordinal);

    /// <summary>To this node's watchers only.</summary>
    public void Deliver(RunEventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (channel, runId) in _watchers)
        {
            if (runId == message.RunId)
            {
                channel.Writer.TryWrite(message);
            }
        }
    }

    /// <summary>
    /// Events of one run until the caller stops reading. The watch starts at once, not at the first read,
    /// so a caller that reads the run's state next misses nothing in between (records carry their sequence
    /// number: one seen twice is skipped).
    /// </summary>
    public IAsyncEnumerable<RunEventMessage> Watch(string runId, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RunEventMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers[channel] = runId;
        return ReadAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<RunEventMessage> ReadAsync(Channel<RunEventMessage> channel, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
        }
    }
}
