using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Exchange;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// <c>tsorch export</c> (a zip, and with <c>--content</c> its <c>_files</c> folder beside it) and <c>tsorch import</c>
/// (the preview as a table, then the import with per-object actions). Progress goes to standard error.
/// </summary>
internal static class ExchangeCommands
{
    public static IEnumerable<Command> Create(CliConsole console) => [Export(console), Import(console)];

    private static Command Export(CliConsole console)
    {
        var ids = new Argument<string[]>("ids") { Description = "Task sequence ids", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("-o", "--output") { Description = "The export to write (name.zip; content goes to name_files/ beside it)", Required = true };
        var noDependencies = new Option<bool>("--no-dependencies") { Description = "Only the sequences, not their boot image, packages, applications and child sequences" };
        var content = new Option<bool>("--content") { Description = "Export every package's files too, into name_files/ beside the zip" };
        var comment = new Option<string?>("--comment") { Description = "Administrator comment kept in the manifest" };
        var json = CommonOptions.Json();
        var command = new Command("export", "Export task sequences (and by default their dependencies) into one zip; passwords are never exported")
        {
            ids, output, noDependencies, content, comment, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var zip = Path.GetFullPath(parse.GetValue(output)!);
            if (!zip.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"-o: '{zip}' must end in .zip");
            }

            var withContent = parse.GetValue(content);
            var files = ExportBundle.FilesFolderFor(zip);
            if (withContent && Directory.Exists(files))
            {
                throw new UsageException($"-o: {files} exists already; remove it or choose another name");
            }

            var request = new ExportRequest
            {
                Ids = parse.GetValue(ids), IncludeDependencies = !parse.GetValue(noDependencies), IncludeContent = withContent, Comment = parse.GetValue(comment),
            };
            var partial = zip + ".partial";
            await using (var stream = await AdminConnection.Connect(parse, longRunning: true).ExportAsync(request, ct))
            {
                if (!withContent)
                {
                    await using var file = File.Create(partial);
                    await stream.CopyToAsync(file, ct);
                }
                else
                {
                    await ProgressAsync(console, "export", async task =>
                        await ExportBundle.UnpackAsync(stream, partial, total => task.MaxValue = Math.Max(total, 1), bytes => task.Increment(bytes), ct));
                    Directory.Move(ExportBundle.FilesFolderFor(partial), files);
                }
            }

            // Renamed into place only when complete: a cut-short download never looks like an export.
            File.Move(partial, zip, overwrite: true);
            var written = withContent ? WrittenReport.Of(zip) with { Content = files, ContentBytes = ExportBundle.ContentBytes(zip) } : WrittenReport.Of(zip);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), written, w => w.Content is { } folder
                ? $"wrote {w.Wrote} and {folder} ({w.ContentBytes!.Value.ToString(CultureInfo.InvariantCulture)} bytes of content)"
                : $"wrote {w.Wrote}");
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "An export zip (its name_files/ folder is sent along when it is there), a Configuration Manager export zip or task sequence XML" };
        var actions = new Option<string[]>("--action") { Description = "ID=CreateNew|IgnoreDuplicate|Overwrite for one object; repeatable (others take the proposed action)" };
        var contentPath = new Option<string?>("--content-path") { Description = "The export's _files folder as a path on the server, instead of sending it" };
        var yes = new Option<bool>("--yes") { Description = "Import without asking" };
        var json = CommonOptions.Json();
        var command = new Command("import", "Preview an import, then import it in one transaction (nothing is imported on any error)") { file, actions, contentPath, yes, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file");
            }

            var api = AdminConnection.Connect(parse, longRunning: true);
            var bundle = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && parse.GetValue(contentPath) is null && Directory.Exists(ExportBundle.FilesFolderFor(path));
            ImportPreview preview = null!;
            if (bundle)
            {
                var total = Directory.EnumerateFiles(ExportBundle.FilesFolderFor(path), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                await ProgressAsync(console, "upload", async task =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    using var body = ExportBundle.Content(path, bytes => task.Increment(bytes));
                    preview = await api.PreviewImportAsync(body, cancellationToken: ct);
                });
            }
            else
            {
                await using var stream = File.OpenRead(path);
                using var body = new StreamContent(stream, 1 << 20);
                preview = await api.PreviewImportAsync(body, parse.GetValue(contentPath), Path.GetFileName(path), ct);
            }

            var chosen = Choose(preview, AdminOutput.NameValues(parse.GetValue(actions), "--action"));
            if (!parse.GetValue(json))
            {
                await PrintPreviewAsync(console, preview, chosen);
            }

            if (!parse.GetValue(yes))
            {
                if (!Interactive)
                {
                    await console.Error.WriteLineAsync($"not imported: run again with --yes to import (preview {preview.Id})");
                    return parse.GetValue(json) ? await AdminOutput.JsonAsync(console, preview) : ExitCodes.Success;
                }

                var ansi = Ansi(console);
                foreach (var item in preview.Objects.Where(o => o.Existing is not null && !chosen.ContainsKey(o.Id)))
                {
                    chosen[item.Id] = ansi.Prompt(new SelectionPrompt<ImportAction>()
                        .Title($"{item.Kind} {item.Id} '{Markup.Escape(item.Name)}' exists as {item.Existing!.Id}:").AddChoices(item.AllowedActions));
                }

                if (!ansi.Confirm($"Import {preview.Objects.Count} objects?"))
                {
                    await console.Error.WriteLineAsync("not imported");
                    return ExitCodes.Success;
                }
            }

            var result = await api.CommitImportAsync(preview.Id, new CommitImportRequest { Actions = chosen }, ct);
            if (parse.GetValue(json))
            {
                return await AdminOutput.JsonAsync(console, result);
            }

            await AdminOutput.ListAsync(console, false, result.Objects, ["KIND", "FROM", "ID", "ACTION", "VERSION"],
                o => [o.Kind.ToString(), o.SourceId, o.Id, o.Action.ToString(), o.Version.ToString(CultureInfo.InvariantCulture)]);
            foreach (var problem in result.Problems.Where(p => p.Message.Contains("re-entered", StringComparison.Ordinal)))
            {
                await console.Output.WriteLineAsync($"re-enter: {problem.SequenceId} {problem.Path} {problem.Field}: {problem.Message}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The <c>--action</c> values checked against the preview: each names an object and an action it allows.</summary>
    private static Dictionary<string, ImportAction> Choose(ImportPreview preview, Dictionary<string, string> asked)
    {
        var chosen = new Dictionary<string, ImportAction>(StringComparer.Ordinal);
        foreach (var (id, value) in asked)
        {
            var item = preview.Objects.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--action {id}: the import has no object '{id}' (it has {string.Join(", ", preview.Objects.Select(o => o.Id))})");
            if (!Enum.TryParse<ImportAction>(value, ignoreCase: true, out var action) || !Enum.IsDefined(action) || !item.AllowedActions.Contains(action))
            {
                throw new UsageException($"--action {id}={value}: choose one of {string.Join(", ", item.AllowedActions)}");
            }

            chosen[item.Id] = action;
        }

        return chosen;
    }

    private static async Task PrintPreviewAsync(CliConsole console, ImportPreview preview, Dictionary<string, ImportAction> chosen)
    {
        await console.Output.WriteLineAsync($"import {preview.Id}: {preview.Source}{(preview.ExportedAt is { } at ? $" exported {AdminOutput.When(at)}" : "")}" +
            $"{(preview.Comment is { } comment ? $" — {comment}" : "")}{(preview.IncludesContent ? ", with content" : "")}");
        await AdminOutput.ListAsync(console, false, preview.Objects, ["KIND", "ID", "NAME", "EXISTS", "ACTION", "SECRETS"], o =>
        [
            o.Kind == ExchangeObjectKind.Package ? o.PackageType : "TaskSequence", o.Id, o.Name,
            o.Existing is { } e ? $"{e.Id} ({e.MatchedBy})" : "no",
            (chosen.TryGetValue(o.Id, out var action) ? action : o.ProposedAction).ToString(),
            o.StrippedSecrets.Count == 0 ? "-" : $"{o.StrippedSecrets.Count} to re-enter",
        ]);
    }

    private static bool Interactive => !Console.IsInputRedirected && !Console.IsErrorRedirected && Environment.UserInteractive;

    private static IAnsiConsole Ansi(CliConsole console) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(console.Error),
        Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
    });

    /// <summary>A Spectre progress bar of bytes on standard error while <paramref name="work"/> runs.</summary>
    private static Task ProgressAsync(CliConsole console, string description, Func<ProgressTask, Task> work) =>
        Ansi(console).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context => await work(context.AddTask(description, maxValue: 1)));
}
