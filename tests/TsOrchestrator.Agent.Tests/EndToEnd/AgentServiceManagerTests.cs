using System.Net.Sockets;
using System.Text;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Issue 17: the agent as a systemd Type=notify service with a watchdog, on a socket the test listens on.</summary>
public sealed class AgentServiceManagerTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [SkippableFact]
    public async Task Agent_under_systemd_reports_ready_feeds_the_watchdog_and_reports_stopping()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "systemd");
        var socketPath = Path.Combine(Path.GetTempPath(), $"tsorch-agent-notify-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        try
        {
            using var device = new DeviceUnderTest(server)
            {
                EnvironmentVariables = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "2000000" },
            };

            using (var agent = device.Start())
            {
                (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
            }

            var messages = new List<string>();
            while (socket.Available > 0 || messages.Count == 0)
            {
                messages.Add(await ReceiveAsync(socket, device));
            }

            messages[0].ShouldBe("READY=1");
            messages.ShouldContain("WATCHDOG=1");
            messages[^1].ShouldBe("STOPPING=1");
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket, DeviceUnderTest device)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, received);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no notification from the agent; its output:\n{device.Output}");
        }
    }
}
