using System.CommandLine;
using System.Globalization;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.Collections;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch collections maintenance-windows list|add|remove</c>: when a collection's devices may run required deployments.</summary>
internal static class MaintenanceWindowsCommands
{
    private static readonly string[] Columns = ["ID", "START (UTC)", "MINUTES", "RECURS", "APPLIES TO", "NAME"];
    private static readonly string[] Types = ["any", "task-sequences"];
    private static readonly string[] Recurrences = ["none", "daily", "weekly"];

    public static Command Create(CliConsole console) => new("maintenance-windows", "A collection's maintenance windows")
    {
        List(console), Add(console), Remove(console),
    };

    private static Argument<string> Collection() => new("collection") { Description = "Collection id" };

    private static string[] Row(MaintenanceWindowInfo w) =>
    [
        w.Id, w.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), w.DurationMinutes.ToString(CultureInfo.InvariantCulture),
        Recurs(w), w.TaskSequencesOnly ? "task sequences" : "any deployment", w.Name,
    ];

    private static string Recurs(MaintenanceWindowInfo w) => w.Recurrence switch
    {
        "Daily" => w.Interval == 1 ? "daily" : $"every {w.Interval} days",
        "Weekly" => w.Interval == 1 ? "weekly" : $"every {w.Interval} weeks",
        _ => "once",
    };

    private static Command List(CliConsole console)
    {
        var collection = Collection();
        var json = CommonOptions.Json();
        var command = new Command("list", "List a collection's maintenance windows") { collection, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json),
                await AdminConnection.Connect(parse).ListMaintenanceWindowsAsync(parse.GetValue(collection)!, ct), Columns, Row));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var collection = Collection();
        var name = new Option<string>("--name") { Description = "Window name", Required = true };
        var start = new Option<string>("--start") { Description = "First start, e.g. 2026-12-08T22:00 (local time unless --utc or an offset is given)", Required = true };
        var utc = new Option<bool>("--utc") { Description = "--start without an offset is UTC, not local time" };
        var duration = new Option<int>("--duration") { Description = "Length in minutes (1 to 1440)", Required = true };
        var recurrence = new Option<string>("--recurrence") { Description = "none, daily or weekly", DefaultValueFactory = _ => "none" };
        recurrence.AcceptOnlyFromAmong(Recurrences);
        var interval = new Option<int?>("--interval") { Description = "Every how many days or weeks (1 to 365; default 1)" };
        var type = new Option<string>("--type")
        {
            Description = "Which deployments it applies to: any (All deployments) or task-sequences (there are no software updates here)",
            DefaultValueFactory = _ => "any",
        };
        type.AcceptOnlyFromAmong(Types);
        var json = CommonOptions.Json();
        var command = new Command("add", "Add a maintenance window to a collection") { collection, name, start, utc, duration, recurrence, interval, type, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateMaintenanceWindowRequest
            {
                Name = parse.GetValue(name), Start = Start(parse.GetValue(start)!, parse.GetValue(utc)), DurationMinutes = parse.GetValue(duration),
                Recurrence = parse.GetValue(recurrence), Interval = parse.GetValue(interval), TaskSequencesOnly = parse.GetValue(type) == "task-sequences",
            };
            var added = await AdminConnection.Connect(parse).CreateMaintenanceWindowAsync(parse.GetValue(collection)!, request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), added, w =>
                $"added {w.Id} '{w.Name}' to {parse.GetValue(collection)}: {Row(w)[1]} UTC for {w.DurationMinutes} minutes, {Recurs(w)}");
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var collection = Collection();
        var window = new Argument<string>("window") { Description = "Maintenance window id (MW...)" };
        var json = CommonOptions.Json();
        var command = new Command("remove", "Remove a maintenance window from a collection") { collection, window, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            await api.DeleteMaintenanceWindowAsync(parse.GetValue(collection)!, parse.GetValue(window)!, ct);
            return parse.GetValue(json)
                ? await AdminOutput.JsonAsync(console, await api.ListMaintenanceWindowsAsync(parse.GetValue(collection)!, ct))
                : await AdminOutput.LineAsync(console, $"removed {parse.GetValue(window)} from {parse.GetValue(collection)}");
        });
        return command;
    }

    /// <summary>An explicit offset wins; otherwise the time is local, or UTC with <c>--utc</c>, as the console's "Coordinated Universal Time" box.</summary>
    private static DateTimeOffset Start(string text, bool utc) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, utc ? DateTimeStyles.AssumeUniversal : DateTimeStyles.AssumeLocal, out var start)
            ? start
            : throw new UsageException($"--start '{text}': expected a date and time such as 2026-12-08T22:00");
}
