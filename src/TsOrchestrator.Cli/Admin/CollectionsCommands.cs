using System.CommandLine;
using System.Globalization;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Collections;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch collections list|get|create|add-member|remove-member|variables|set-variable|scopes</c>.</summary>
internal static class CollectionsCommands
{
    private static readonly string[] Columns = ["ID", "MEMBERS", "PRIORITY", "NAME"];

    public static Command Create(CliConsole console) => new("collections", "Device collections on the server")
    {
        List(console), Get(console), CreateCollection(console),
        Member(console, "add-member", "Add a device to a collection directly"),
        Member(console, "remove-member", "Remove a direct member from a collection"),
        Variables(console), SetVariable(console), MaintenanceWindowsCommands.Create(console),
        RemoveVariableCommand.Create(console, "Collection", (api, id, name, ct) => api.DeleteCollectionVariableAsync(id, name, ct), (api, id, ct) => api.ListCollectionVariablesAsync(id, ct)),
        ScopesCommand.Create(console, "Collection", async (api, id, request, ct) =>
        {
            var c = await api.SetCollectionScopesAsync(id, request, ct);
            return (c.Id, c.Scopes);
        }),
    };

    private static Argument<string> Id() => new("id") { Description = "Collection id" };

    private static string[] Row(CollectionInfo c) =>
        [c.Id, c.DirectMembers.Count.ToString(CultureInfo.InvariantCulture) + (c.Rule is null ? "" : " + rule"), c.VariablePriority.ToString(CultureInfo.InvariantCulture), c.Name];

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List collections") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListCollectionsAsync(ct), Columns, Row));
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("get", "Show a collection and its direct members") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var collection = await AdminConnection.Connect(parse).GetCollectionAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), collection, c =>
                $"{c.Id} '{c.Name}', variable priority {c.VariablePriority}{(c.Rule is null ? "" : ", with a membership rule")}; " +
                $"direct members: {(c.DirectMembers.Count == 0 ? "none" : string.Join(", ", c.DirectMembers))}");
        });
        return command;
    }

    private static Command CreateCollection(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Collection name" };
        var description = new Option<string?>("--description") { Description = "Description" };
        var priority = new Option<int?>("--priority") { Description = "Variable priority (1 is highest; default 100)" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a collection (members are added with add-member)") { name, description, priority, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateCollectionRequest { Name = parse.GetValue(name), Description = parse.GetValue(description), VariablePriority = parse.GetValue(priority) };
            var created = await AdminConnection.Connect(parse).CreateCollectionAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, c => $"created {c.Id} '{c.Name}'");
        });
        return command;
    }

    private static Command Member(CliConsole console, string name, string description)
    {
        var id = Id();
        var device = new Argument<string>("device") { Description = "Device id" };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { id, device, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            var (collection, member) = (parse.GetValue(id)!, parse.GetValue(device)!);
            if (name == "add-member")
            {
                await api.AddCollectionMemberAsync(collection, member, ct);
                return await AdminOutput.ItemAsync(console, parse.GetValue(json), new MembershipReport(collection, member, Member: true), _ => $"added {member} to {collection}");
            }

            await api.RemoveCollectionMemberAsync(collection, member, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new MembershipReport(collection, member, Member: false), _ => $"removed {member} from {collection}");
        });
        return command;
    }

    private static Command Variables(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("variables", "List a collection's variables (secret values are never shown)") { id, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListCollectionVariablesAsync(parse.GetValue(id)!, ct),
                ["NAME", "VALUE"], v => [v.Name, v.Secret ? "(secret)" : v.Value]));
        return command;
    }

    private static Command SetVariable(CliConsole console)
    {
        var id = Id();
        var assignment = new Argument<string>("assignment") { Description = "Name=Value" };
        var secret = new Option<bool>("--secret") { Description = "Store the value encrypted; it is never shown again" };
        var json = CommonOptions.Json();
        var command = new Command("set-variable", "Set a collection variable") { id, assignment, secret, json };
        command.SetAction(async (parse, ct) =>
        {
            var (name, value) = AdminOutput.NameValues([parse.GetValue(assignment)!], "set-variable").Single();
            var set = await AdminConnection.Connect(parse).SetCollectionVariableAsync(parse.GetValue(id)!, name, new SetVariableRequest { Value = value, Secret = parse.GetValue(secret) }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), set, v => $"set {v.Name}{(v.Secret ? " (secret)" : $" = {v.Value}")} on {parse.GetValue(id)}");
        });
        return command;
    }
}
