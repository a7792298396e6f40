using System.CommandLine;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Running;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.SoftwareCenter;

/// <summary><c>tsorch-agent install &lt;deployment&gt;</c>: Software Center's Install, with the high-impact warning first.</summary>
internal static class InstallCommand
{
    public static Command Create()
    {
        var deployment = new Argument<string>("deployment") { Description = "Deployment id (see `tsorch-agent available`)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var command = new Command("install", "Start an available deployment on this device and run it") { deployment, yes };
        command.SetAction(AgentApp.UntilStopped(async (parse, ct) =>
        {
            using var agent = new DeviceAgent(AgentCommandLine.Read(parse), AgentCommandLine.Log(parse), TimeProvider.System);
            await agent.RegisterAsync(ct);
            var id = parse.GetValue(deployment)!;
            var offer = (await agent.CheckInAsync(ct)).Offers.FirstOrDefault(o => o.DeploymentId.Equals(id, StringComparison.OrdinalIgnoreCase))
                ?? throw new AgentUsageException($"deployment {id} is not available to this device (see `tsorch-agent available`)");
            if (!Confirm(offer, parse.GetValue(yes)))
            {
                Console.Out.WriteLine("Not installed.");
                return AgentExitCodes.Failure;
            }

            var status = await agent.InstallAsync(offer.DeploymentId, ct);
            Console.Out.WriteLine($"'{offer.Name}': {status.Status}");
            return status.Status == "Succeeded" ? AgentExitCodes.Success : AgentExitCodes.Failure;
        }));
        return command;
    }

    /// <summary>Shows what a high-impact sequence will do (the custom text or the default) and asks, unless told not to.</summary>
    private static bool Confirm(DeploymentOffer offer, bool yes)
    {
        if (offer.Notification is { } notification)
        {
            Console.Out.WriteLine(notification.Headline);
            foreach (var message in notification.Messages)
            {
                Console.Out.WriteLine($"  {message}");
            }
        }

        if (yes)
        {
            return true;
        }

        Console.Out.Write($"Install '{offer.Name}'{(offer.RestartRequired ? " (the device will restart)" : "")}? [y/N] ");
        return Console.In.ReadLine()?.Trim() is { } answer && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
