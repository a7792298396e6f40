using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch ts ...</c>: task sequences on the server, as the console's Task Sequences node offers them.</summary>
internal static class TaskSequencesCommands
{
    private static readonly string[] Columns = ["ID", "VERSION", "STATE", "FOLDER", "NAME"];

    public static Command Create(CliConsole console) => new("ts", "Task sequences on the server")
    {
        List(console), Get(console), CreateFromTemplate(console), Import(console), Export(console), Save(console),
        Simple(console, "enable", "Enable a task sequence", (api, id, ct) => api.EnableTaskSequenceAsync(id, ct)),
        Simple(console, "disable", "Disable a task sequence (deployments stop offering it)", (api, id, ct) => api.DisableTaskSequenceAsync(id, ct)),
        Simple(console, "copy", "Copy a task sequence under a new id (named '... - Copy')", (api, id, ct) => api.CopyTaskSequenceAsync(id, ct)),
        Move(console), Delete(console), Versions(console), Diff(console), Lock(console), Unlock(console),
        TaskSequencePropertiesCommands.Show(console), TaskSequencePropertiesCommands.Set(console),
        ScopesCommand.Create(console, "Task sequence",
            async (api, id, request, ct) =>
        {
            var t = await api.SetTaskSequenceScopesAsync(id, request, ct);
            return (t.Summary.Id, t.Summary.Scopes);
        }),
    };

    private static Argument<string> Id() => new("id") { Description = "Task sequence id" };

    private static string[] Row(TaskSequenceSummary s) =>
        [s.Id, $"v{s.Version}", (s.Enabled ? "enabled" : "disabled") + (s.Lock is null ? "" : ", locked"), s.Folder ?? "/", s.Name];

    private static string Line(TaskSequenceDetails details, string verb) =>
        $"{verb} {details.Summary.Id} '{details.Summary.Name}' version {details.Summary.Version}, {(details.Summary.Enabled ? "enabled" : "disabled")}";

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var folder = new Option<string?>("--folder") { Description = "Only this folder (e.g. OSD/Windows 11)" };
        var name = new Option<string?>("--name") { Description = "Only names containing this text" };
        var command = new Command("list", "List task sequences") { folder, name, json };
        command.SetAction(async (parse, ct) =>
        {
            var rows = await AdminConnection.Connect(parse).ListTaskSequencesAsync(parse.GetValue(folder), parse.GetValue(name), ct);
            return await AdminOutput.ListAsync(console, parse.GetValue(json), rows, Columns, Row);
        });
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("get", "Show a task sequence's summary (--json: with its document and ETag)") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var details = await AdminConnection.Connect(parse).GetTaskSequenceAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), details, d =>
                $"{d.Summary.Id} '{d.Summary.Name}' version {d.Summary.Version}, {d.Sequence.Nodes.Count} top-level nodes, " +
                $"{(d.Summary.Enabled ? "enabled" : "disabled")}{(d.Summary.HighImpact ? ", high-impact" : "")}, in {d.Summary.Folder ?? "/"}" +
                (d.Summary.Lock is { } held ? $", being edited by {held.HolderName} until {AdminOutput.When(held.ExpiresAt)}" : ""));
        });
        return command;
    }

    private static Command CreateFromTemplate(CliConsole console)
    {
        var name = new Option<string>("--name") { Description = "Name of the new task sequence", Required = true };
        var template = new Option<string>("--template")
        {
            Description = "The Create wizard's template: install-os, upgrade-os, build-capture, user-state or custom",
            DefaultValueFactory = _ => "custom",
        }.OneOf("install-os", "upgrade-os", "build-capture", "user-state", "custom");
        var platform = new Option<string?>("--platform") { Description = "windows (Configuration Manager's templates, the server's default) or linux (what the Linux agent runs)" };
        platform.AcceptOnlyFromAmong("windows", "linux");
        var description = new Option<string?>("--description") { Description = "Description" };
        var folder = new Option<string?>("--folder") { Description = "Folder to create it in" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a task sequence from one of the Create wizard's templates") { name, template, platform, description, folder, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateTaskSequenceRequest
            {
                Name = parse.GetValue(name), Template = parse.GetValue(template), Platform = parse.GetValue(platform), Description = parse.GetValue(description),
                Folder = parse.GetValue(folder),
            };
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).CreateTaskSequenceAsync(request, ct), d => Line(d, "created"));
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var folder = new Option<string?>("--folder") { Description = "Folder to create it in" };
        var json = CommonOptions.Json();
        var command = new Command("import", "Create a task sequence on the server from a native or ConfigMgr/MDT XML file") { file, folder, json };
        command.SetAction(async (parse, ct) =>
        {
            var sequence = SequenceFileReader.Read(parse.GetValue(file)!);
            var request = new CreateTaskSequenceRequest { Sequence = sequence, Folder = parse.GetValue(folder) };
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).CreateTaskSequenceAsync(request, ct), d => Line(d, "created"));
        });
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var id = Id();
        var output = new Option<string>("--output", "-o") { Description = "File to write", Required = true };
        var version = new Option<int?>("--version") { Description = "An earlier saved version (default: the latest)" };
        var json = CommonOptions.Json();
        var command = new Command("export", "Write a task sequence as a native file (secret values masked)") { id, output, version, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            var sequence = parse.GetValue(version) is { } number
                ? await api.GetTaskSequenceVersionAsync(parse.GetValue(id)!, number, ct)
                : (await api.GetTaskSequenceAsync(parse.GetValue(id)!, ct)).Sequence;
            await File.WriteAllTextAsync(parse.GetValue(output)!, NativeFormat.Serialize(sequence), ct);
            var written = WrittenReport.Of(parse.GetValue(output)!) with { Id = sequence.Id, Version = sequence.Version };
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), written, _ => $"wrote {parse.GetValue(output)} ({sequence.Id} version {sequence.Version})");
        });
        return command;
    }

    private static Command Save(CliConsole console)
    {
        var id = Id();
        var file = CommonOptions.SequenceFile();
        var json = CommonOptions.Json();
        var command = new Command("save", "Save a file as a task sequence's next version (hold its lock first: ts lock)") { id, file, json };
        command.SetAction(async (parse, ct) =>
        {
            var sequence = SequenceFileReader.Read(parse.GetValue(file)!);
            var api = AdminConnection.Connect(parse);

            // The ETag of the version read now: a save between this read and the PUT is reported as stale, not overwritten.
            var current = await api.GetTaskSequenceAsync(parse.GetValue(id)!, ct);
            var saved = await api.UpdateTaskSequenceAsync(current.Summary.Id, sequence, current.ETag, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), saved, d => Line(d, "saved"));
        });
        return command;
    }

    private static Command Simple(CliConsole console, string name, string description, Func<IAdminApi, string, CancellationToken, Task<TaskSequenceDetails>> call)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { id, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ItemAsync(console, parse.GetValue(json), await call(AdminConnection.Connect(parse), parse.GetValue(id)!, ct), d => Line(d, name switch
            {
                "copy" => "copied to",
                _ => name + "d",
            })));
        return command;
    }

    private static Command Move(CliConsole console)
    {
        var id = Id();
        var folder = new Argument<string?>("folder") { Description = "Target folder; leave out for the root", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("move", "Move a task sequence to another folder") { id, folder, json };
        command.SetAction(async (parse, ct) =>
        {
            var moved = await AdminConnection.Connect(parse).MoveTaskSequenceAsync(parse.GetValue(id)!, new MoveTaskSequenceRequest { Folder = parse.GetValue(folder) }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), moved, m => $"moved {m.Summary.Id} to {m.Summary.Folder ?? "/"}");
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete a task sequence and its versions") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).DeleteTaskSequenceAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new DeletedReport(parse.GetValue(id)!), d => $"deleted {d.Deleted}");
        });
        return command;
    }

    private static Command Versions(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("versions", "List a task sequence's saved versions") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var versions = await AdminConnection.Connect(parse).ListTaskSequenceVersionsAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ListAsync(console, parse.GetValue(json), versions, ["VERSION", "SAVED", "BY", "BYTES", "HASH"],
                v => [v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), AdminOutput.When(v.CreatedAt), v.CreatedBy,
                    v.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), v.ContentHash[..Math.Min(12, v.ContentHash.Length)]]);
        });
        return command;
    }

    private static Command Diff(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var from = new Option<int?>("--from") { Description = "Older version (default: the one before --to)" };
        var to = new Option<int?>("--to") { Description = "Newer version (default: the latest)" };
        var command = new Command("diff", "Show what changed between two versions, line by line of the native format") { id, from, to, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            var newer = parse.GetValue(to) ?? (await api.GetTaskSequenceAsync(parse.GetValue(id)!, ct)).Summary.Version;
            var older = parse.GetValue(from) ?? Math.Max(1, newer - 1);
            var diff = await api.DiffTaskSequenceVersionsAsync(parse.GetValue(id)!, older, newer, ct);
            if (parse.GetValue(json))
            {
                return await AdminOutput.JsonAsync(console, diff);
            }

            // Only the changes, each with its line number, so the output reads like a patch without context.
            await console.Output.WriteLineAsync($"--- version {diff.From}");
            await console.Output.WriteLineAsync($"+++ version {diff.To}");
            foreach (var line in diff.Lines.Where(l => l.Change != "unchanged"))
            {
                if (line.OldText is not null)
                {
                    await console.Output.WriteLineAsync($"-{line.OldNumber,5}: {line.OldText}");
                }

                if (line.NewText is not null)
                {
                    await console.Output.WriteLineAsync($"+{line.NewNumber,5}: {line.NewText}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Lock(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("lock", "Take the edit lock (needed to save; renews it when already held)") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var held = await AdminConnection.Connect(parse).LockTaskSequenceAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), held, h => $"locked {parse.GetValue(id)} for {h.HolderName} until {AdminOutput.When(h.ExpiresAt)}");
        });
        return command;
    }

    private static Command Unlock(CliConsole console)
    {
        var id = Id();
        var force = new Option<bool>("--force") { Description = "Break someone else's lock (their unsaved changes cannot be saved)" };
        var json = CommonOptions.Json();
        var command = new Command("unlock", "Release the edit lock") { id, force, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).UnlockTaskSequenceAsync(parse.GetValue(id)!, parse.GetValue(force) ? true : null, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new UnlockedReport(parse.GetValue(id)!, parse.GetValue(force)), u => $"unlocked {u.Unlocked}");
        });
        return command;
    }
}
