using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Deployments;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch deployments list|create|delete|why</c>: task sequences deployed to collections.</summary>
internal static class DeploymentsCommands
{
    public static Command Create(CliConsole console) => new("deployments", "Deployments on the server") { List(console), CreateDeployment(console), Delete(console), Why(console) };

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var sequence = new Option<string?>("--sequence") { Description = "Only deployments of this task sequence" };
        var command = new Command("list", "List deployments with their run counts") { sequence, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDeploymentsAsync(parse.GetValue(sequence), ct),
                ["ID", "SEQUENCE", "COLLECTION", "PURPOSE", "STATE", "RUNS"],
                d => [d.Id, d.SequenceId, d.CollectionId, d.Purpose, d.Enabled ? "enabled" : "disabled",
                    string.Join(", ", d.RunCounts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))]));
        return command;
    }

    private static Command CreateDeployment(CliConsole console)
    {
        var sequence = new Option<string>("--sequence") { Description = "Task sequence id", Required = true };
        var collection = new Option<string>("--collection") { Description = "Collection id", Required = true };
        var purpose = new Option<string?>("--purpose") { Description = "Available (default) or Required" }.OneOf("Available", "Required");
        var availableAt = new Option<DateTimeOffset?>("--available-at") { Description = "When it becomes available (default: now)" };
        var assignmentAt = new Option<DateTimeOffset?>("--assignment-at") { Description = "Required: when it starts (default: as soon as possible)" };
        var recurrence = new Option<string?>("--recurrence") { Description = "Required: None (default), Daily or Weekly" }.OneOf("None", "Daily", "Weekly");
        var interval = new Option<int?>("--interval") { Description = "Every how many days or weeks the assignment recurs" };
        var expiresAt = new Option<DateTimeOffset?>("--expires-at") { Description = "When it stops being offered" };
        var rerun = new Option<string?>("--rerun") { Description = "NeverRerun, AlwaysRerun (default), RerunIfFailed or RerunIfSucceeded" }
            .OneOf("NeverRerun", "AlwaysRerun", "RerunIfFailed", "RerunIfSucceeded");
        var availableTo = new Option<string?>("--available-to") { Description = "Make available to: Clients, ClientsMediaAndPxe (default) or MediaAndPxeOnly" }
            .OneOf("Clients", "ClientsMediaAndPxe", "MediaAndPxeOnly");
        var outside = new Option<bool>("--outside-maintenance-windows") { Description = "Run even outside the devices' maintenance windows" };
        var confirm = new Option<bool>("--confirm-high-risk")
        {
            Description = "Confirm a required high-impact deployment the site's high-risk settings ask confirmation for (a large collection, servers)",
        };
        var json = CommonOptions.Json();
        var command = new Command("create", "Deploy a task sequence to a collection")
        {
            sequence, collection, purpose, availableAt, assignmentAt, recurrence, interval, expiresAt, rerun, availableTo, outside, confirm, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateDeploymentRequest
            {
                SequenceId = parse.GetValue(sequence), CollectionId = parse.GetValue(collection), Purpose = parse.GetValue(purpose),
                AvailableAt = parse.GetValue(availableAt), AssignmentAt = parse.GetValue(assignmentAt), AssignmentRecurrence = parse.GetValue(recurrence),
                AssignmentInterval = parse.GetValue(interval), ExpiresAt = parse.GetValue(expiresAt), Rerun = parse.GetValue(rerun),
                AllowOutsideMaintenanceWindow = parse.GetValue(outside), ConfirmHighRisk = parse.GetValue(confirm), AvailableTo = parse.GetValue(availableTo),
            };
            var created = await AdminConnection.Connect(parse).CreateDeploymentAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, d => $"created {d.Id}: {d.SequenceId} to {d.CollectionId}, {d.Purpose}");
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Deployment id" };
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete a deployment") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).DeleteDeploymentAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new DeletedReport(parse.GetValue(id)!), d => $"deleted {d.Deleted}");
        });
        return command;
    }

    private static Command Why(CliConsole console)
    {
        var id = new Argument<string>("deployment") { Description = "Deployment id" };
        var device = new Option<string?>("--device") { Description = "One device: every reason and when it will run (default: counts per reason over the deployment's devices)" };
        var json = CommonOptions.Json();
        var command = new Command("why", "Why isn't it running? The server's own decision for a device, or counts per reason") { id, device, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            if (parse.GetValue(device) is { } deviceId)
            {
                var why = await api.ExplainDeploymentOnDeviceAsync(parse.GetValue(id)!, deviceId, ct);
                return parse.GetValue(json) ? await AdminOutput.JsonAsync(console, why) : await AdminOutput.LineAsync(console, DeviceText(why));
            }

            var summary = await api.ExplainDeploymentAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                return await AdminOutput.JsonAsync(console, summary);
            }

            await console.Output.WriteLineAsync($"{summary.DeploymentId}: {summary.Targeted} targeted device{(summary.Targeted == 1 ? "" : "s")}");
            return await AdminOutput.ListAsync(console, json: false, summary.Reasons, ["REASON", "DEVICES", "EXAMPLE"],
                r => [r.Code, r.Devices.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Example]);
        });
        return command;
    }

    private static string DeviceText(DeviceDeploymentWhy why)
    {
        var lines = new List<string>
        {
            $"{why.DeploymentId} on {why.DeviceId} ({why.DeviceName}): " +
                (why.StartsAtNextCheckIn ? "starts at the device's next check-in" : "not running") + (why.Offered ? " (offered)" : " (not offered)"),
        };
        lines.AddRange(why.Reasons.Select(r => $"  {r.Code}: {r.Detail}"));
        if (!why.StartsAtNextCheckIn)
        {
            lines.Add($"runs: {why.When}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
