using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the server as a systemd <c>Type=notify</c> service with a watchdog, tested on a socket the test listens on.</summary>
public sealed class SystemdNotifyTests
{
    [SkippableFact]
    public async Task Server_under_systemd_reports_ready_once_it_answers_and_keeps_the_watchdog_fed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "systemd");
        using var serviceManager = new ServiceManagerSocket();
        var server = new ServerProcess
        {
            EnvironmentVariables = new Dictionary<string, string>
            {
                // What systemd gives a Type=notify unit with WatchdogSec=1.
                ["NOTIFY_SOCKET"] = serviceManager.Path,
                ["WATCHDOG_USEC"] = "1000000",
            },
        };
        try
        {
            await server.InitializeAsync();

            // Ready is said once the server listens, and the watchdog is still fed after it (a time-out fails the test).
            var messages = new List<string>();
            while (!messages.Contains("READY=1") || messages.LastIndexOf("WATCHDOG=1") < messages.IndexOf("READY=1"))
            {
                messages.Add(await serviceManager.ReceiveAsync(TimeSpan.FromMinutes(1), () => server.Log));
            }

            messages.LastIndexOf("WATCHDOG=1").ShouldBeGreaterThan(messages.IndexOf("READY=1"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
