using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// This node's one LISTEN connection on the site's PostgreSQL: what other nodes send reaches this node's watchers, held
/// polls and key cache. A lost connection is retried with back-off and logged once per outage; as messages sent meanwhile
/// are lost, every remembered device key is forgotten when listening again (a block may be among them).
/// </summary>
internal sealed partial class PostgresSiteListener(
    SiteNode node, IOptions<StorageOptions> storage, SiteMessageReceiver receiver, ApprovedDeviceKeys keys, TimeProvider clock, ILogger<PostgresSiteListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private NpgsqlConnection? _connection;
    private bool _lost;

    /// <summary>Listening before the node serves: a watcher it accepts misses nothing another node commits afterwards.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _connection = await ListenAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            Lost(ex);
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _connection?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivering = DeliverAsync(stoppingToken);
        try
        {
            await ListenUntilStoppedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _received.Writer.TryComplete();
        }

        await delivering;
    }

    private async Task ListenUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(stoppingToken);
                    if (_lost)
                    {
                        _lost = false;
                        keys.ForgetAll();
                        LogListeningAgain(logger);
                    }
                }

                retry = FirstRetry;
                await _connection.WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (IsConnectionFault(ex) && !stoppingToken.IsCancellationRequested)
            {
                Lost(ex);
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                    _connection = null;
                }

                await Task.Delay(retry, clock, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        // Its own connection, outside the pools: it is held for the node's life, and keepalives notice a server gone.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.Value.PostgresConnectionString)
        {
            Pooling = false, KeepAlive = 15, ApplicationName = ListenerName(node),
        }.ConnectionString);
        try
        {
            connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"LISTEN {PostgresSiteBus.Channel}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One message at a time, in the order sent: a watcher sees a run's events in order.</summary>
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        await foreach (var payload in _received.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (SiteMessageCodec.Decode(payload) is not { } message || message.Node == node.Id)
            {
                continue;
            }

            try
            {
                await receiver.ReceiveAsync(message, stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                LogNotDelivered(logger, ex);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Lost(Exception exception)
    {
        if (!_lost)
        {
            _lost = true;
            LogLost(logger, exception);
        }
    }

    /// <summary>Its name in <c>pg_stat_activity</c>, with the node's id: an operator (or a test) finds each node's listener.</summary>
    internal static string ListenerName(SiteNode node) => $"tsorch-site-listener-{node.Id}";

    private static bool IsConnectionFault(Exception ex) => ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the site channel on PostgreSQL: changes other nodes make reach this node's watchers and devices late until it is back; retrying")]
    private static partial void LogLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on the site channel again; remembered device keys forgotten")]
    private static partial void LogListeningAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change another node made could not be delivered here")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception);
}
