using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Deployments;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch deployments list|create|delete|why</c>: task sequences deployed to collections.</summary>
internal static class DeploymentsCommands
{
    public static Command Create(CliConsole console) => new("deployments", "Deployments on the server") { List(console), CreateDeployment(console), Update(console), Delete(console), Why(console) };

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
        var properties = new PropertyOptions();
        var json = CommonOptions.Json();
        var command = new Command("create", "Deploy a task sequence to a collection") { sequence, collection, json };
        properties.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateDeploymentRequest
            {
                SequenceId = parse.GetValue(sequence), CollectionId = parse.GetValue(collection), Purpose = parse.GetValue(properties.Purpose),
                AvailableAt = parse.GetValue(properties.AvailableAt), AssignmentAt = parse.GetValue(properties.AssignmentAt),
                AssignmentRecurrence = parse.GetValue(properties.Recurrence), AssignmentInterval = parse.GetValue(properties.Interval),
                ExpiresAt = parse.GetValue(properties.ExpiresAt), Rerun = parse.GetValue(properties.Rerun),
                AllowOutsideMaintenanceWindow = parse.GetValue(properties.OutsideMaintenanceWindows) ?? false, ConfirmHighRisk = parse.GetValue(properties.ConfirmHighRisk),
                AvailableTo = parse.GetValue(properties.AvailableTo),
            };
            var created = await AdminConnection.Connect(parse).CreateDeploymentAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, d => $"created {d.Id}: {d.SequenceId} to {d.CollectionId}, {d.Purpose}");
        });
        return command;
    }

    /// <summary>The deployment's Properties: what is given replaces the stored value, the rest stays; saved against the version read.</summary>
    private static Command Update(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Deployment id" };
        var properties = new PropertyOptions();
        var json = CommonOptions.Json();
        var command = new Command("update", "Change a deployment's properties (purpose, schedule, rerun, maintenance windows, available to); the options given replace the stored values")
        {
            id, json,
        };
        properties.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            var current = await api.GetDeploymentAsync(parse.GetValue(id)!, ct);
            var request = new UpdateDeploymentRequest
            {
                Purpose = parse.GetValue(properties.Purpose) ?? current.Purpose,
                AvailableAt = parse.GetValue(properties.AvailableAt) ?? current.AvailableAt,
                AssignmentAt = parse.GetValue(properties.AssignmentAt) ?? current.AssignmentAt,
                AssignmentRecurrence = parse.GetValue(properties.Recurrence) ?? current.AssignmentRecurrence,
                AssignmentInterval = parse.GetValue(properties.Interval) ?? current.AssignmentInterval,
                ExpiresAt = parse.GetValue(properties.ExpiresAt) ?? current.ExpiresAt,
                Rerun = parse.GetValue(properties.Rerun) ?? current.Rerun,
                AllowOutsideMaintenanceWindow = parse.GetValue(properties.OutsideMaintenanceWindows) ?? current.AllowOutsideMaintenanceWindow,
                AvailableTo = parse.GetValue(properties.AvailableTo) ?? current.AvailableTo,
                ConfirmHighRisk = parse.GetValue(properties.ConfirmHighRisk),
            };
            var saved = await api.UpdateDeploymentAsync(current.Id, request, $"\"{current.ConcurrencyVersion}\"", ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), saved, d => $"updated {d.Id}: {d.Purpose}, available to {d.AvailableTo}, rerun {d.Rerun}");
        });
        return command;
    }

    /// <summary>The options of a deployment's properties, shared by create and update so both spell them alike.</summary>
    private sealed class PropertyOptions
    {
        public Option<string?> Purpose { get; } = new Option<string?>("--purpose") { Description = "Available (default) or Required" }.OneOf("Available", "Required");
        public Option<DateTimeOffset?> AvailableAt { get; } = new("--available-at") { Description = "When it becomes available (default: now)" };
        public Option<DateTimeOffset?> AssignmentAt { get; } = new("--assignment-at") { Description = "Required: when it starts (default: as soon as possible)" };
        public Option<string?> Recurrence { get; } = new Option<string?>("--recurrence") { Description = "Required: None (default), Daily or Weekly" }.OneOf("None", "Daily", "Weekly");
        public Option<int?> Interval { get; } = new("--interval") { Description = "Every how many days or weeks the assignment recurs" };
        public Option<DateTimeOffset?> ExpiresAt { get; } = new("--expires-at") { Description = "When it stops being offered" };

        public Option<string?> Rerun { get; } = new Option<string?>("--rerun") { Description = "NeverRerun, AlwaysRerun (default), RerunIfFailed or RerunIfSucceeded" }
            .OneOf("NeverRerun", "AlwaysRerun", "RerunIfFailed", "RerunIfSucceeded");

        public Option<string?> AvailableTo { get; } = new Option<string?>("--available-to") { Description = "Make available to: Clients, ClientsMediaAndPxe (default) or MediaAndPxeOnly" }
            .OneOf("Clients", "ClientsMediaAndPxe", "MediaAndPxeOnly");

        public Option<bool?> OutsideMaintenanceWindows { get; } = new("--outside-maintenance-windows")
        {
            Description = "Run even outside the devices' maintenance windows (true or false; alone: true)", Arity = ArgumentArity.ZeroOrOne,
        };

        public Option<bool> ConfirmHighRisk { get; } = new("--confirm-high-risk")
        {
            Description = "Confirm a required high-impact deployment the site's high-risk settings ask confirmation for (a large collection, servers)",
        };

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Purpose, AvailableAt, AssignmentAt, Recurrence, Interval, ExpiresAt, Rerun, AvailableTo, OutsideMaintenanceWindows, ConfirmHighRisk })
            {
                command.Options.Add(option);
            }
        }
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
