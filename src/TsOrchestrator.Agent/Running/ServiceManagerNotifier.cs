using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// The sd_notify(3) protocol, for the agent's systemd unit (<c>Type=notify</c>, <c>WatchdogSec=</c>): ready once the
/// agent runs (not once the server answers: a server outage must not fail the unit's start), the watchdog fed at half
/// the interval systemd asked for while the process and its thread pool live, stopping at the end. Nothing happens
/// without a <c>NOTIFY_SOCKET</c>. Hand-written rather than Microsoft.Extensions.Hosting.Systemd because the agent is
/// no generic host and stays small under Native AOT.
/// </summary>
internal sealed class ServiceManagerNotifier : IDisposable
{
    private readonly Socket socket;
    private readonly UnixDomainSocketEndPoint endpoint;
    private readonly ITimer? watchdog;

    private ServiceManagerNotifier(string socketPath, TimeSpan? watchdogInterval, TimeProvider clock)
    {
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        // An abstract socket is written with a leading '@' in the variable and a leading NUL on the wire.
        endpoint = new UnixDomainSocketEndPoint(socketPath.StartsWith('@') ? "\0" + socketPath[1..] : socketPath);
        Notify("READY=1");
        if (watchdogInterval is { } interval)
        {
            watchdog = clock.CreateTimer(_ => Notify("WATCHDOG=1"), null, TimeSpan.Zero, interval / 2);
        }
    }

    /// <summary>Starts notifying when the service manager gave a socket; null otherwise.</summary>
    public static ServiceManagerNotifier? Start(TimeProvider clock)
    {
        if (Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is not { Length: > 0 } socketPath || OperatingSystem.IsWindows())
        {
            return null;
        }

        var interval = long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) && microseconds > 0
            ? TimeSpan.FromMicroseconds(microseconds)
            : (TimeSpan?)null;
        return new ServiceManagerNotifier(socketPath, interval, clock);
    }

    public void Dispose()
    {
        watchdog?.Dispose();
        Notify("STOPPING=1");
        socket.Dispose();
    }

    private void Notify(string state)
    {
        try
        {
            socket.SendTo(Encoding.ASCII.GetBytes(state), endpoint);
        }
        catch (SocketException)
        {
            // A service manager that went away is no reason for the agent to stop running sequences.
        }
        catch (ObjectDisposedException)
        {
            // A watchdog tick racing the end of the process.
        }
    }
}
