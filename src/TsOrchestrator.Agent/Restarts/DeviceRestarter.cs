using System.Diagnostics;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.Restarts;

/// <summary>
/// Restarts the device for the run: after the step's notification message and its time-out, through the platform
/// (<c>systemctl reboot</c> on Linux, <c>shutdown</c> on Windows and macOS), or, with <c>--restart-mode exit</c>, by
/// ending the agent with <see cref="AgentExitCodes.RestartRequested"/> so that its supervisor starts it again.
/// </summary>
internal sealed class DeviceRestarter(AgentOptions options, AgentLog log, TimeProvider clock)
{
    /// <summary>Does not return: ends with <see cref="RestartRequestedException"/>, or a <see cref="StepFailedException"/> when the device cannot restart.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var message = settings.GetValueOrDefault("Message");
        var seconds = int.TryParse(settings.GetValueOrDefault("MessageTimeout"), out var timeout) ? Math.Max(0, timeout) : 0;
        if (!string.IsNullOrWhiteSpace(message) || seconds > 0)
        {
            // The user's notice: on a terminal it is what the person at the device sees; under systemd it lands in the journal.
            Console.Error.WriteLine($"This device restarts in {seconds} seconds. {message}".TrimEnd());
            await Task.Delay(TimeSpan.FromSeconds(seconds), clock, cancellationToken);
        }

        if (settings.GetValueOrDefault("Target") is { } target && target.Equals("WinPE", StringComparison.OrdinalIgnoreCase))
        {
            log.Info("restart into the boot image requested: this agent restarts into the installed operating system");
        }

        if (options.RestartMode == RestartMode.Exit)
        {
            log.Info($"restart requested: exiting with code {AgentExitCodes.RestartRequested} for the supervisor to start the agent again");
            throw new RestartRequestedException();
        }

        var (program, arguments) = AgentPlatforms.Current.RestartCommand;
        log.Info($"restarting the device: {program} {string.Join(' ', arguments)}");
        try
        {
            using var process = Process.Start(program, arguments);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new StepFailedException($"the device could not be restarted: {program} exited with {process.ExitCode}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StepFailedException($"the device could not be restarted: {program}: {ex.Message}");
        }

        throw new RestartRequestedException();
    }
}
