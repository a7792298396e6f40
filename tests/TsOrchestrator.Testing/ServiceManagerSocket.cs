using System.Net.Sockets;
using System.Text;

namespace TsOrchestrator.Testing;

/// <summary>
/// The service manager's end of sd_notify(3), as systemd holds it for a <c>Type=notify</c> unit: a unix datagram socket
/// the test binds and gives the process as <c>NOTIFY_SOCKET</c>. Removed with the test.
/// </summary>
public sealed class ServiceManagerSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public ServiceManagerSocket()
    {
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tsorch-notify-{Guid.NewGuid():N}.sock");

    /// <summary>Whether a notification is waiting to be read.</summary>
    public bool HasMore => _socket.Available > 0;

    /// <summary>The next notification (e.g. <c>READY=1</c>); a time-out names what the process printed.</summary>
    public async Task<string> ReceiveAsync(TimeSpan timeout, Func<string> processOutput)
    {
        ArgumentNullException.ThrowIfNull(processOutput);
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.ASCII.GetString(buffer, 0, received).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no notification on {Path} within {timeout}; the process printed:\n{processOutput()}");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
