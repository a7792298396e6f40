using System.Net;
using System.Net.Sockets;

namespace TsOrchestrator.Bench.Postgres;

/// <summary>
/// A loopback TCP relay in front of PostgreSQL that counts round trips on the wire: on each connection, every time the
/// client speaks again after the server has answered is one. Messages the client pipelines before it waits (Npgsql's
/// BEGIN ahead of the first command, a batch's statements, a pooled connection's reset) are one round trip, as they
/// cost one wait; the count is whatever the server's code did, not what it meant to do.
/// </summary>
internal sealed class RoundTripProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private readonly TextWriter? _trace;
    private long _roundTrips;

    /// <param name="connectionString">The server's.</param>
    /// <param name="trace">Where to write what each round trip carried (the statements it parsed), to see where they go.</param>
    public RoundTripProxy(string connectionString, TextWriter? trace = null)
    {
        _trace = trace is null ? null : TextWriter.Synchronized(trace);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        (_host, _port) = (builder.Host ?? "127.0.0.1", builder.Port);
        _listener.Start();
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ConnectionString = builder.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The same connection string, through the relay.</summary>
    public string ConnectionString { get; }

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_relays)
                {
                    _relays.Add(RelayAsync(client));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            await server.ConnectAsync(_host, _port, _stop.Token);
            var answered = new Flag { Value = true };
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), answered, toServer: true, ended);
            var down = PumpAsync(server.GetStream(), client.GetStream(), answered, toServer: false, ended);
            await Task.WhenAny(up, down);
            await ended.CancelAsync();
            await Task.WhenAll(up, down);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Flag answered, bool toServer, CancellationTokenSource ended)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, ended.Token);
                if (read == 0)
                {
                    return;
                }

                // The flag flips in order with the bytes: the client cannot speak again before it has read the answer.
                if (toServer && answered.Value)
                {
                    answered.Value = false;
                    Interlocked.Increment(ref _roundTrips);
                    _trace?.WriteLine($"round trip {RoundTrips}: {Describe(buffer.AsSpan(0, read))}");
                }
                else if (!toServer)
                {
                    answered.Value = true;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), ended.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The other side closed.
        }
    }

    /// <summary>The frontend messages at the start of a round trip: Parse and Query with their SQL's start, the others by letter.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var parts = new List<string>();
        while (bytes.Length >= 5)
        {
            var type = (char)bytes[0];
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes[1..]);
            var body = bytes[5..Math.Min(bytes.Length, 1 + length)];
            if (type is 'P' or 'Q')
            {
                var text = System.Text.Encoding.UTF8.GetString(body).Replace('\0', ' ').ReplaceLineEndings(" ");
                parts.Add($"{type}[{(text.Length > 100 ? text[..100] : text).Trim()}]");
            }
            else
            {
                parts.Add(type.ToString());
            }

            if (length < 4 || 1 + length > bytes.Length)
            {
                break;
            }

            bytes = bytes[(1 + length)..];
        }

        return string.Join(' ', parts);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }

        await Task.WhenAll(relays);
        _stop.Dispose();
    }

    /// <summary>Whether the server has spoken since the client last did, shared by a connection's two pumps.</summary>
    private sealed class Flag
    {
        private volatile bool _value;

        public bool Value { get => _value; set => _value = value; }
    }
}
