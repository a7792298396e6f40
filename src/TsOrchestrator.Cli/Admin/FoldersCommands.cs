using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Folders;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch folders list|create|rename|delete</c>: the console's folders of task sequences.</summary>
internal static class FoldersCommands
{
    public static Command Create(CliConsole console) => new("folders", "Folders of task sequences on the server")
    {
        List(console), CreateFolder(console), Rename(console), Delete(console),
    };

    private static Argument<string> Path() => new("path") { Description = "Folder path, '/'-separated (e.g. OSD/Windows 11)" };

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List folders") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListFoldersAsync(ct), ["PATH"], f => [f.Path]));
        return command;
    }

    private static Command CreateFolder(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Folder name" };
        var parent = new Option<string?>("--parent") { Description = "Parent folder (default: the root)" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a folder") { name, parent, json };
        command.SetAction(async (parse, ct) =>
        {
            var folder = await AdminConnection.Connect(parse).CreateFolderAsync(new CreateFolderRequest { Name = parse.GetValue(name), Parent = parse.GetValue(parent) }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), folder, f => $"created folder {f.Path}");
        });
        return command;
    }

    private static Command Rename(CliConsole console)
    {
        var path = Path();
        var name = new Argument<string>("name") { Description = "New name (the folder stays under its parent)" };
        var json = CommonOptions.Json();
        var command = new Command("rename", "Rename a folder; its task sequences and subfolders move with it") { path, name, json };
        command.SetAction(async (parse, ct) =>
        {
            var folder = await AdminConnection.Connect(parse).RenameFolderAsync(parse.GetValue(path)!, new RenameFolderRequest { Name = parse.GetValue(name) }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), folder, f => $"renamed {parse.GetValue(path)} to {f.Path}");
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var path = Path();
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete an empty folder") { path, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).DeleteFolderAsync(parse.GetValue(path)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new DeletedReport(parse.GetValue(path)!), d => $"deleted folder {d.Deleted}");
        });
        return command;
    }
}
