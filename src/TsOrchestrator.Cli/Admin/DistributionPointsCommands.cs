using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch distribution-points list|add|remove</c> (alias <c>dps</c>): the site server and distribution point hosts.</summary>
internal static class DistributionPointsCommands
{
    private static readonly string[] Columns = ["ID", "URL", "GROUPS", "NAME"];

    public static Command Create(CliConsole console)
    {
        var command = new Command("distribution-points", "Distribution points (Full Administrators change them)") { List(console), Add(console), Remove(console) };
        command.Aliases.Add("dps");
        return command;
    }

    private static string[] Row(DistributionPointInfo d) => [d.Id, d.IsSiteServer ? "(site server)" : d.Url ?? "", string.Join(",", d.GroupIds), d.Name];

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List distribution points") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDistributionPointsAsync(ct), Columns, Row));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Distribution point name (unique)" };
        var url = new Option<string>("--url") { Description = "Base URL the site server and agents reach it at, e.g. https://dp1.example:5443", Required = true };
        var accessKey = new Option<string?>("--access-key") { Description = "The DP's DistributionPoint:AccessKey, at least 16 characters (default: TSORCH_DP_ACCESS_KEY)" };
        var json = CommonOptions.Json();
        var command = new Command("add", "Register a distribution point (TsOrchestrator.DistributionPoint) by its URL") { name, url, accessKey, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateDistributionPointRequest
            {
                Name = parse.GetValue(name), Url = parse.GetValue(url),
                AccessKey = parse.GetValue(accessKey) ?? Environment.GetEnvironmentVariable("TSORCH_DP_ACCESS_KEY"),
            };
            var added = await AdminConnection.Connect(parse).CreateDistributionPointAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), added, d => $"added {d.Id} '{d.Name}' at {d.Url}");
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Distribution point id" };
        var json = CommonOptions.Json();
        var command = new Command("remove", "Remove a distribution point, its group memberships and its content status (not its files)") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            await api.DeleteDistributionPointAsync(parse.GetValue(id)!, ct);
            return parse.GetValue(json)
                ? await AdminOutput.JsonAsync(console, await api.ListDistributionPointsAsync(ct))
                : await AdminOutput.LineAsync(console, $"removed {parse.GetValue(id)}");
        });
        return command;
    }
}
