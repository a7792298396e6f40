using System.Net.Sockets;
using System.Text;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the server as a systemd <c>Type=notify</c> service with a watchdog, tested on a socket the test listens on.</summary>
public sealed class SystemdNotifyTests
{
    [SkippableFact]
    public async Task Server_under_systemd_reports_ready_once_it_answers_and_keeps_the_watchdog_fed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "systemd");
        var socketPath = Path.Combine(Path.GetTempPath(), $"tsorch-notify-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var server = new ServerProcess
        {
            EnvironmentVariables = new Dictionary<string, string>
            {
                // What systemd gives a Type=notify unit with WatchdogSec=1.
                ["NOTIFY_SOCKET"] = socketPath,
                ["WATCHDOG_USEC"] = "1000000",
            },
        };
        try
        {
            await server.InitializeAsync();

            var messages = new List<string>();
            while (!(messages.Contains("READY=1") && messages.Contains("WATCHDOG=1")))
            {
                messages.Add(await ReceiveAsync(socket, server));
            }

            messages.ShouldContain("READY=1");
            messages.Count(m => m == "WATCHDOG=1").ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            await server.DisposeAsync();
            File.Delete(socketPath);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket, ServerProcess server)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, received).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no systemd notification from the server; its output:\n{server.Log}");
        }
    }
}
