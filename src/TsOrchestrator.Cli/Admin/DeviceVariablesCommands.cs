using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Collections;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch devices variables|set-variable</c>: device variables, which win over every collection's.</summary>
internal static class DeviceVariablesCommands
{
    private static readonly string[] Columns = ["NAME", "VALUE"];

    private static Argument<string> Id() => new("id") { Description = "Device id" };

    public static Command List(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("variables", "List a device's variables (secret values are never shown)") { id, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDeviceVariablesAsync(parse.GetValue(id)!, ct),
                Columns, v => [v.Name, v.Secret ? "(secret)" : v.Value]));
        return command;
    }

    public static Command Set(CliConsole console)
    {
        var id = Id();
        var assignment = new Argument<string>("assignment") { Description = "Name=Value" };
        var secret = new Option<bool>("--secret") { Description = "Store the value encrypted; it is never shown again" };
        var json = CommonOptions.Json();
        var command = new Command("set-variable", "Set a device variable") { id, assignment, secret, json };
        command.SetAction(async (parse, ct) =>
        {
            var (name, value) = AdminOutput.NameValues([parse.GetValue(assignment)!], "set-variable").Single();
            var set = await AdminConnection.Connect(parse).SetDeviceVariableAsync(parse.GetValue(id)!, name, new SetVariableRequest { Value = value, Secret = parse.GetValue(secret) }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), set, v => $"set {v.Name}{(v.Secret ? " (secret)" : $" = {v.Value}")} on {parse.GetValue(id)}");
        });
        return command;
    }
}
