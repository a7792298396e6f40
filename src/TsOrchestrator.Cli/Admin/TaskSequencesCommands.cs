using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch ts list|get|import|export</c>: task sequences on the server.</summary>
internal static class TaskSequencesCommands
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text" };
        var list = new Command("list", "List task sequences") { json };
        var folder = new Option<string?>("--folder") { Description = "Only this folder" };
        var name = new Option<string?>("--name") { Description = "Names containing this text" };
        list.Options.Add(folder);
        list.Options.Add(name);
        list.SetAction(async (parse, cancellationToken) =>
        {
            var rows = await AdminConnection.Connect(parse).ListTaskSequencesAsync(parse.GetValue(folder), parse.GetValue(name), cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(rows, AdminConnection.Json));
                return ExitCodes.Success;
            }

            foreach (var row in rows)
            {
                await console.Output.WriteLineAsync($"{row.Id,-14} v{row.Version,-4} {(row.Enabled ? "enabled " : "disabled")} {row.Folder ?? "/",-20} {row.Name}");
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string>("id") { Description = "Task sequence id" };
        var get = new Command("get", "Show a task sequence's summary") { id, json };
        get.SetAction(async (parse, cancellationToken) =>
        {
            var details = await AdminConnection.Connect(parse).GetTaskSequenceAsync(parse.GetValue(id)!, cancellationToken);
            var text = parse.GetValue(json)
                ? JsonSerializer.Serialize(details.Summary, AdminConnection.Json)
                : $"{details.Summary.Id} '{details.Summary.Name}' version {details.Summary.Version}, {details.Sequence.Nodes.Count} top-level nodes, " +
                  $"{(details.Summary.Enabled ? "enabled" : "disabled")}{(details.Summary.HighImpact ? ", high-impact" : "")}" +
                  (details.Summary.Lock is { } held ? $", being edited by {held.HolderName}" : "");
            await console.Output.WriteLineAsync(text);
            return ExitCodes.Success;
        });

        var file = new Argument<string>("file") { Description = "Native JSON or ConfigMgr/MDT XML" };
        var import = new Command("import", "Create a task sequence on the server from a file") { file };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var sequence = SequenceFileReader.Read(parse.GetValue(file)!);
            var created = await AdminConnection.Connect(parse).CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = sequence }, cancellationToken);
            await console.Output.WriteLineAsync($"created {created.Summary.Id} '{created.Summary.Name}'");
            return ExitCodes.Success;
        });

        var output = new Option<string>("--output", "-o") { Description = "File to write", Required = true };
        var export = new Command("export", "Write a task sequence's latest version as a native file (secrets masked)") { id, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            var details = await AdminConnection.Connect(parse).GetTaskSequenceAsync(parse.GetValue(id)!, cancellationToken);
            await File.WriteAllTextAsync(parse.GetValue(output)!, NativeFormat.Serialize(details.Sequence), cancellationToken);
            await console.Output.WriteLineAsync($"wrote {parse.GetValue(output)}");
            return ExitCodes.Success;
        });

        return new Command("ts", "Task sequences on the server") { list, get, import, export };
    }
}
