using System.CommandLine;
using Spectre.Console;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Running;

namespace TsOrchestrator.Agent.SoftwareCenter;

/// <summary><c>tsorch-agent boot</c>: the boot-media wizard; the device counts as started from boot media.</summary>
internal static class BootCommand
{
    public static Command Create()
    {
        var command = new Command("boot", "The boot-media Task Sequence Wizard: choose an available task sequence and run it");
        command.SetAction(AgentApp.UntilStopped(async (parse, ct) =>
        {
            var options = AgentCommandLine.Read(parse) with { InBootMedia = true };
            using var agent = new DeviceAgent(options, AgentCommandLine.Log(parse), TimeProvider.System);
            await agent.RegisterAsync(ct);
            return await new BootWizard(agent, AnsiConsole.Console, Console.In).RunAsync(ct);
        }));
        return command;
    }
}
