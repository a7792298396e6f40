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
        using var serviceManager = new ServiceManagerSocket();
        using var device = new DeviceUnderTest(server)
        {
            EnvironmentVariables = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = serviceManager.Path, ["WATCHDOG_USEC"] = "2000000" },
        };

        using (var agent = device.Start())
        {
            (await device.WaitAsync(agent)).ShouldBe(0, device.Output);
        }

        var messages = new List<string>();
        while (serviceManager.HasMore || messages.Count == 0)
        {
            messages.Add(await serviceManager.ReceiveAsync(TimeSpan.FromSeconds(30), () => device.Output));
        }

        messages[0].ShouldBe("READY=1");
        messages.ShouldContain("WATCHDOG=1");
        messages[^1].ShouldBe("STOPPING=1");
    }
}
