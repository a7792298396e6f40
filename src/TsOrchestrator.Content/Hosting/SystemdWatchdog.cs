using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace TsOrchestrator.Content.Hosting;

/// <summary>
/// systemd's watchdog (<c>WatchdogSec=</c> in the unit): while the process is alive and its thread pool serves timers,
/// it tells systemd so at half the interval systemd asked for (<c>WATCHDOG_USEC</c>); a hung server stops telling and
/// systemd restarts it. Microsoft.Extensions.Hosting.Systemd reports ready and stopping but not this.
/// </summary>
internal sealed class SystemdWatchdog(ISystemdNotifier notifier, TimeProvider clock) : BackgroundService
{
    private static readonly ServiceState Alive = new("WATCHDOG=1");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || !long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMicroseconds(microseconds / 2.0), clock);
        try
        {
            do
            {
                notifier.Notify(Alive);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also after a failed start): not a failure of the service.
        }
    }
}
