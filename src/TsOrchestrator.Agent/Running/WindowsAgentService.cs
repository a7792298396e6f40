using System.Runtime.Versioning;
using System.ServiceProcess;
using TsOrchestrator.Agent.Restarts;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// The agent as a Windows service: the Service Control Manager starts <c>tsorch-agent run ...</c>, which answers it here
/// (start, stop, shutdown) instead of running in a console. The agent's loop is the same one systemd runs; a run's
/// restart (exit code 194) or state-to-disk ends the service with that code, so the service's recovery action
/// (<c>sc.exe failure</c> with <c>failureflag 1</c>) starts it again, as systemd's <c>Restart=</c> does on Linux.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsAgentService : ServiceBase
{
    private readonly Func<CancellationToken, Task> _runAgent;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;
    private volatile bool _endedByItself;

    private WindowsAgentService(Func<CancellationToken, Task> runAgent)
    {
        _runAgent = runAgent;
        ServiceName = "tsorch-agent";
        CanStop = true;
        CanShutdown = true;
    }

    /// <summary>
    /// True when the Service Control Manager started this process: a service runs in a window station the user cannot
    /// see, which is what <see cref="Environment.UserInteractive"/> reads on Windows.
    /// </summary>
    public static bool StartedByServiceManager => !Environment.UserInteractive;

    /// <summary>Hands the process to the Service Control Manager until it stops the service; returns the service's exit code.</summary>
    public static int Run(Func<CancellationToken, Task> runAgent)
    {
        using var service = new WindowsAgentService(runAgent);
        ServiceBase.Run(service);
        return service.ExitCode;
    }

    protected override void OnStart(string[] args) => _running = Task.Run(RunUntilStoppedAsync);

    protected override void OnStop() => StopAgent();

    protected override void OnShutdown() => StopAgent();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StopAgent()
    {
        _stopping.Cancel();
        if (_endedByItself)
        {
            // Called from the agent's own end (below): nothing left to wait for.
            return;
        }

        // A step's result is journalled before it is sent, so the wait only lets a send in flight finish cleanly.
        RequestAdditionalTime(30_000);
        _running?.Wait(TimeSpan.FromSeconds(30));
    }

    private async Task RunUntilStoppedAsync()
    {
        try
        {
            await _runAgent(_stopping.Token);
            ExitCode = AgentExitCodes.Success;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            ExitCode = AgentExitCodes.Success;
            return;
        }
        catch (RestartRequestedException)
        {
            ExitCode = AgentExitCodes.RestartRequested;
        }
        catch (StateToDiskRequestedException)
        {
            ExitCode = AgentExitCodes.StateToDisk;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"tsorch-agent: unexpected failure: {ex}");
            ExitCode = AgentExitCodes.Failure;
        }

        // The agent ended by itself (a restart, --once, a fault): the service ends with it, its code telling the
        // Service Control Manager whether to start it again.
        _endedByItself = true;
        Stop();
    }
}
