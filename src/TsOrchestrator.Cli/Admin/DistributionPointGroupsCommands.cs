using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// <c>tsorch distribution-point-groups list|create|add-member|remove-member|assign|unassign|delete</c> (alias <c>dp-groups</c>): groups of DPs, and the
/// collections whose devices prefer them.
/// </summary>
internal static class DistributionPointGroupsCommands
{
    private static readonly string[] Columns = ["ID", "MEMBERS", "COLLECTIONS", "NAME"];

    public static Command Create(CliConsole console)
    {
        var command = new Command("distribution-point-groups", "Distribution point groups (Full Administrators change them)")
        {
            List(console), CreateGroup(console),
            Link(console, "add-member", "distribution-point", "Add a distribution point to a group", (api, group, dp, ct) => api.AddDistributionPointGroupMemberAsync(group, dp, ct)),
            Link(console, "assign", "collection", "Associate a group with a collection: its devices prefer the group's DPs, and 'content distribute --collection' reaches them",
                (api, group, collection, ct) => api.AssociateDistributionPointGroupCollectionAsync(group, collection, ct)),
            Link(console, "remove-member", "distribution-point", "Remove a distribution point from a group (its content stays)",
                (api, group, dp, ct) => api.RemoveDistributionPointGroupMemberAsync(group, dp, ct)),
            Link(console, "unassign", "collection", "End a group's association with a collection",
                (api, group, collection, ct) => api.DissociateDistributionPointGroupCollectionAsync(group, collection, ct)),
            Delete(console),
        };
        command.Aliases.Add("dp-groups");
        return command;
    }

    private static string[] Row(DistributionPointGroupInfo g) => [g.Id, string.Join(",", g.DistributionPointIds), string.Join(",", g.CollectionIds), g.Name];

    private static string Text(DistributionPointGroupInfo g) =>
        $"{g.Id} '{g.Name}': members {(g.DistributionPointIds.Count == 0 ? "none" : string.Join(", ", g.DistributionPointIds))}; " +
        $"collections {(g.CollectionIds.Count == 0 ? "none" : string.Join(", ", g.CollectionIds))}";

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List distribution point groups") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDistributionPointGroupsAsync(ct), Columns, Row));
        return command;
    }

    private static Command CreateGroup(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Group name (unique)" };
        var members = new Option<string[]>("--dp") { Description = "Distribution point id to add; repeatable" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a distribution point group") { name, members, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateDistributionPointGroupRequest { Name = parse.GetValue(name), DistributionPointIds = parse.GetValue(members) ?? [] };
            var created = await AdminConnection.Connect(parse).CreateDistributionPointGroupAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, g => "created " + Text(g));
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var group = new Argument<string>("group") { Description = "Distribution point group id" };
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete a distribution point group (its DPs and their content stay)") { group, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            await api.DeleteDistributionPointGroupAsync(parse.GetValue(group)!, ct);
            return parse.GetValue(json)
                ? await AdminOutput.JsonAsync(console, await api.ListDistributionPointGroupsAsync(ct))
                : await AdminOutput.LineAsync(console, $"deleted {parse.GetValue(group)}");
        });
        return command;
    }

    private static Command Link(CliConsole console, string name, string what, string description,
        Func<IAdminApi, string, string, CancellationToken, Task<DistributionPointGroupInfo>> call)
    {
        var group = new Argument<string>("group") { Description = "Distribution point group id" };
        var other = new Argument<string>(what) { Description = what == "collection" ? "Collection id" : "Distribution point id" };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { group, other, json };
        command.SetAction(async (parse, ct) =>
        {
            var changed = await call(AdminConnection.Connect(parse), parse.GetValue(group)!, parse.GetValue(other)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), changed, Text);
        });
        return command;
    }
}
