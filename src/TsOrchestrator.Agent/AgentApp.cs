using System.CommandLine;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Restarts;
using TsOrchestrator.Agent.Running;
using TsOrchestrator.Agent.SoftwareCenter;

namespace TsOrchestrator.Agent;

/// <summary>The <c>tsorch-agent</c> command line.</summary>
internal static class AgentApp
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("tsorch-agent — runs task sequences on this device for a TsOrchestrator server.")
        {
            RunCommand(),
            AvailableCommand.Create(),
            InstallCommand.Create(),
            BootCommand.Create(),
        };
        foreach (var option in AgentCommandLine.All)
        {
            root.Options.Add(option);
        }

        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (RestartRequestedException)
        {
            return AgentExitCodes.RestartRequested;
        }
        catch (StateToDiskRequestedException)
        {
            return AgentExitCodes.StateToDisk;
        }
        catch (AgentUsageException ex)
        {
            Console.Error.WriteLine($"tsorch-agent: {ex.Message}");
            return AgentExitCodes.Usage;
        }
        catch (Refit.ApiException ex)
        {
            // An answer that will not change by asking again (the device was blocked or deleted, its key replaced).
            Console.Error.WriteLine($"tsorch-agent: the server refused: {(int)ex.StatusCode} {ex.ReasonPhrase} {ex.Content}".TrimEnd());
            return AgentExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else is a fault, never a clean stop (a cancellation nobody asked for is one too): the exit code
            // says so, and the supervisor starts the agent again, whose journal still holds what was in hand.
            Console.Error.WriteLine($"tsorch-agent: unexpected failure: {ex}");
            return AgentExitCodes.Failure;
        }
    }

    /// <summary>
    /// A command's action that ends cleanly when the agent is asked to stop (SIGTERM, Ctrl+C): only that cancellation
    /// is a clean exit.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> UntilStopped(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return AgentExitCodes.Success;
            }
        };

    private static Command RunCommand()
    {
        var once = new Option<bool>("--once") { Description = "Check in once, run what is active, and exit when nothing is left" };
        var command = new Command("run", "Register if needed, then check in on an interval and run what the server says (the service)") { once };
        command.SetAction(UntilStopped(async (parse, ct) =>
        {
            var options = AgentCommandLine.Read(parse);
            var log = AgentCommandLine.Log(parse);
            using var serviceManager = ServiceManagerNotifier.Start(TimeProvider.System);
            using var agent = new DeviceAgent(options, log, TimeProvider.System);
            if (OperatingSystem.IsWindows() && WindowsAgentService.StartedByServiceManager)
            {
                return WindowsAgentService.Run(stopping => agent.RunAsync(parse.GetValue(once), stopping));
            }

            await agent.RunAsync(parse.GetValue(once), ct);
            return AgentExitCodes.Success;
        }));
        return command;
    }
}
