using System.CommandLine;
using TsOrchestrator.Cli.Commands;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch audit</c>: who changed what, newest first (Full Administrator keys only).</summary>
internal static class AuditCommands
{
    public static Command Create(CliConsole console)
    {
        var json = CommonOptions.Json();
        var type = new Option<string?>("--type") { Description = "Only this object type (TaskSequence, Collection, Deployment, Device, Run, Folder)" };
        var objectId = new Option<string?>("--object") { Description = "Only this object id" };
        var take = new Option<int?>("--take") { Description = "At most this many entries (default 100, at most 1000)" };
        var actor = new Option<string?>("--actor") { Description = "Only changes by this API key's name" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only changes at or after this time (e.g. 2026-12-01 or 2026-12-01T08:00Z)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only changes before this time" };
        var command = new Command("audit", "Show the audit log of admin changes") { type, objectId, actor, from, to, take, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json),
                await AdminConnection.Connect(parse).ListAuditAsync(parse.GetValue(type), parse.GetValue(objectId), parse.GetValue(take),
                    parse.GetValue(actor), parse.GetValue(from), parse.GetValue(to), cancellationToken: ct),
                ["WHEN", "ACTOR", "ACTION", "OBJECT", "DETAIL"],
                a => [AdminOutput.When(a.At), a.Actor, a.Action, $"{a.ObjectType} {a.ObjectId}", a.Detail]));
        return command;
    }
}
