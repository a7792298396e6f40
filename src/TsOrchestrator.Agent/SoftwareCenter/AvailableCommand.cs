using System.CommandLine;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Running;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.SoftwareCenter;

/// <summary><c>tsorch-agent available</c>: Software Center's list of task sequences this device may run.</summary>
internal static class AvailableCommand
{
    public static Command Create()
    {
        var command = new Command("available", "List the deployments available to this device");
        command.SetAction(AgentApp.UntilStopped(async (parse, ct) =>
        {
            using var agent = new DeviceAgent(AgentCommandLine.Read(parse), AgentCommandLine.Log(parse), TimeProvider.System);
            await agent.RegisterAsync(ct);
            var offers = (await agent.CheckInAsync(ct)).Offers;
            if (offers.Count == 0)
            {
                Console.Out.WriteLine("No task sequence is available to this device.");
                return AgentExitCodes.Success;
            }

            Print(offers);
            return AgentExitCodes.Success;
        }));
        return command;
    }

    private static void Print(IReadOnlyList<DeploymentOffer> offers)
    {
        string[] header = ["DEPLOYMENT", "NAME", "REQUIRED", "RESTART", "DOWNLOAD", "EST. TIME", "HIGH-IMPACT"];
        var rows = offers.Select(o => new[]
        {
            o.DeploymentId, o.Name, o.Required ? "yes" : "no", o.RestartRequired ? "yes" : "no",
            o.DownloadSizeMb is { } mb ? $"{mb} MB" : "-", o.EstimatedRunTimeMinutes is { } minutes ? $"{minutes} min" : "-", o.HighImpact ? "yes" : "no",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
