using Spectre.Console;
using TsOrchestrator.Agent.Running;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.SoftwareCenter;

/// <summary>
/// The boot-media wizard (Configuration Manager's Task Sequence Wizard), one page at a time with Next and Previous.
/// Pages are drawn with Spectre.Console and answered with a line of input (a letter or a number), so that the
/// wizard works on a bare console, over a serial line, and from a script.
/// </summary>
internal sealed class BootWizard(DeviceAgent agent, IAnsiConsole screen, TextReader input)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Page("Welcome to the Task Sequence Wizard", "This wizard runs a task sequence on this computer from boot media.");
        if (Ask("[N]ext  [C]ancel", "n", "c") != "n")
        {
            return Cancelled();
        }

        while (true)
        {
            var offer = await ChooseAsync(cancellationToken);
            if (offer is null)
            {
                return Cancelled();
            }

            if (!Confirm(offer))
            {
                continue; // Previous: back to the list
            }

            return await RunAsync(offer, cancellationToken);
        }
    }

    /// <summary>The list of available task sequences; Previous on an empty list searches again.</summary>
    private async Task<DeploymentOffer?> ChooseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var offers = (await agent.CheckInAsync(cancellationToken)).Offers;
            if (offers.Count == 0)
            {
                Page("Select a task sequence", "There are no task sequences available for this computer.");
                if (Ask("[P]revious (search again)  [C]ancel", "p", "c") == "p")
                {
                    continue;
                }

                return null;
            }

            var table = new Table().AddColumns("#", "Task sequence", "Restarts", "High-impact");
            for (var i = 0; i < offers.Count; i++)
            {
                table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(offers[i].Name),
                    offers[i].RestartRequired ? "yes" : "no", offers[i].HighImpact ? "yes" : "no");
            }

            screen.Write(new Rule("Select a task sequence to run"));
            screen.Write(table);
            var numbers = Enumerable.Range(1, offers.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var answer = Ask($"Number (1-{offers.Count})  [P]revious (search again)  [C]ancel", [.. numbers, "p", "c"]);
            if (answer == "c")
            {
                return null;
            }

            if (answer != "p")
            {
                return offers[int.Parse(answer, System.Globalization.CultureInfo.InvariantCulture) - 1];
            }
        }
    }

    private bool Confirm(DeploymentOffer offer)
    {
        var text = offer.Notification is { } notice
            ? $"{notice.Headline}\n\n{string.Join("\n", notice.Messages)}"
            : $"'{offer.Name}' will run on this computer.";
        Page(offer.Name, text);
        return Ask("[N]ext (start)  [P]revious", "n", "p") == "n";
    }

    private async Task<int> RunAsync(DeploymentOffer offer, CancellationToken cancellationToken)
    {
        screen.MarkupLine($"Running [bold]{Markup.Escape(offer.Name)}[/]...");
        var status = await agent.InstallAsync(offer.DeploymentId, cancellationToken);
        while (status.Status == "Failed" && agent.MissingPackages.Count > 0)
        {
            var missing = agent.MissingPackages.ToList();
            Page("Content is not available", "The task sequence cannot continue: these packages are not on any distribution point this computer can reach:\n"
                + string.Join("\n", missing.Select(p => "  " + p)));
            if (Ask("[P]revious (check again)  [C]ancel", "p", "c") != "p")
            {
                return Cancelled();
            }

            var stillMissing = await StillMissingAsync(missing, cancellationToken);
            if (stillMissing.Count > 0)
            {
                screen.MarkupLine($"Still not available: {Markup.Escape(string.Join(", ", stillMissing))}");
                continue;
            }

            screen.MarkupLine("The content is available now: resuming at the failed step...");
            status = await agent.ResumeAsync(status.RunId, cancellationToken);
        }

        Page(status.Status == "Succeeded" ? "Task sequence complete" : "Task sequence failed",
            status.Status == "Succeeded" ? $"'{offer.Name}' completed successfully." : $"'{offer.Name}' ended: {status.Status}.");
        return status.Status == "Succeeded" ? AgentExitCodes.Success : AgentExitCodes.Failure;
    }

    private async Task<List<string>> StillMissingAsync(IEnumerable<string> packages, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var package in packages)
        {
            if ((await agent.Api.GetContentLocationAsync(package, cancellationToken)).DistributionPoints.Count == 0)
            {
                missing.Add(package);
            }
        }

        return missing;
    }

    private void Page(string title, string text)
    {
        screen.Write(new Panel(Markup.Escape(text)) { Header = new PanelHeader(Markup.Escape(title)), Expand = true });
    }

    /// <summary>Reads answers until one is allowed; the end of input cancels.</summary>
    private string Ask(string choices, params string[] allowed)
    {
        while (true)
        {
            screen.Markup($"{Markup.Escape(choices)} > ");
            var answer = input.ReadLine()?.Trim().ToLowerInvariant();
            screen.WriteLine();
            if (answer is null)
            {
                return "c";
            }

            if (allowed.Contains(answer))
            {
                return answer;
            }

            screen.MarkupLine($"'{Markup.Escape(answer)}' is not one of the choices.");
        }
    }

    private int Cancelled()
    {
        screen.MarkupLine("The wizard was cancelled.");
        return AgentExitCodes.Failure;
    }
}
