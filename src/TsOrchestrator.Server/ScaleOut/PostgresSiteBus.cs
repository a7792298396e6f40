using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// Sends site messages with <c>pg_notify</c> on the site's PostgreSQL, one batch per round trip, in the order they were
/// sent. Callers send after their commit, so a node told of a change finds it in the store.
/// </summary>
internal sealed partial class PostgresSiteBus(SiteNode node, IOptions<StorageOptions> storage, ILogger<PostgresSiteBus> logger) : BackgroundService, ISiteBus
{
    public const string Channel = "tsorch_site";
    private const int MaxBatch = 100;
    private const int Attempts = 3;

    private readonly Channel<SiteMessage> _outbox = System.Threading.Channels.Channel.CreateUnbounded<SiteMessage>(new UnboundedChannelOptions { SingleReader = true });
    private long _number;

    public void Send(SiteMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _outbox.Writer.TryWrite(message with { Node = node.Id, Number = Interlocked.Increment(ref _number) });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(storage.Value.PostgresConnectionString) { ApplicationName = "tsorch-site-bus", MaxPoolSize = 2 });
        var payloads = new List<string>();
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                payloads.Clear();
                while (payloads.Count < MaxBatch && _outbox.Reader.TryRead(out var message))
                {
                    try
                    {
                        payloads.AddRange(SiteMessageCodec.Encode(message));
                    }
                    catch (ArgumentException ex)
                    {
                        // One message that cannot be cut small enough (an id of kilobytes) must not stop the others.
                        LogUnsendable(logger, ex);
                    }
                }

                if (payloads.Count > 0)
                {
                    await SendAsync(source, payloads, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not sent is only a notification the other nodes' watchers and devices do without.
        }
    }

    private async Task SendAsync(NpgsqlDataSource source, List<string> payloads, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var batch = source.CreateBatch();
                foreach (var payload in payloads)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                    {
                        Parameters = { new NpgsqlParameter { Value = Channel }, new NpgsqlParameter { Value = payload } },
                    });
                }

                await batch.ExecuteNonQueryAsync(stoppingToken);
                return;
            }
            catch (NpgsqlException ex) when (attempt < Attempts)
            {
                LogRetrying(logger, ex, payloads.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                // The other nodes' watchers and devices find the change at their next read or check-in; blocks, at the
                // key cache's lifetime at most (and at once when their listener reconnects, which forgets every key).
                LogDropped(logger, ex, payloads.Count);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change could not be told to the other nodes")]
    private static partial void LogUnsendable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not tell the other nodes of {Count} changes (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes of {Count} changes; they see them at their next read")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count);
}
