using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch devices|collections remove-variable ID NAME</c>.</summary>
internal static class RemoveVariableCommand
{
    public static Command Create(CliConsole console, string owner,
        Func<IAdminApi, string, string, CancellationToken, Task> remove, Func<IAdminApi, string, CancellationToken, Task<IReadOnlyList<VariableInfo>>> list)
    {
        var id = new Argument<string>("id") { Description = $"{owner} id" };
        var name = new Argument<string>("name") { Description = "Variable name" };
        var json = CommonOptions.Json();
        var command = new Command("remove-variable", $"Remove a {owner.ToLowerInvariant()} variable") { id, name, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            await remove(api, parse.GetValue(id)!, parse.GetValue(name)!, ct);

            // The server answers 204: under --json the variables left are the resulting object.
            return parse.GetValue(json)
                ? await AdminOutput.JsonAsync(console, await list(api, parse.GetValue(id)!, ct))
                : await AdminOutput.LineAsync(console, $"removed {parse.GetValue(name)} from {parse.GetValue(id)}");
        });
        return command;
    }
}
