using System.CommandLine;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch new</c>: a new task sequence from one of the Create wizard's templates.</summary>
internal static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        var template = new Option<string?>("--template", "-t") { Description = "Template: install-os, upgrade-os, build-capture, user-state or custom" };
        var name = new Option<string?>("--name", "-n") { Description = "Name of the new task sequence" };
        var id = new Option<string?>("--id") { Description = "Id of the new task sequence; derived from the name when left out" };
        var output = new Option<string?>("--output", "-o") { Description = "The native file to write" };
        var platform = new Option<string>("--platform", "-p")
        {
            Description = "windows (Configuration Manager's templates, the default) or linux (what the Linux agent runs)", DefaultValueFactory = _ => "windows",
        };
        platform.AcceptOnlyFromAmong("windows", "linux");
        var list = new Option<bool>("--list") { Description = "List the templates" };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file when it exists" };
        var json = CommonOptions.Json();
        var command = new Command("new", "Create a task sequence file from a template of the Create Task Sequence wizard.")
        {
            template, platform, name, id, output, list, force, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var folder = TemplateFolder.Find();
            var linux = parse.GetValue(platform) == "linux";
            if (parse.GetValue(list))
            {
                var templates = Directory.EnumerateFiles(folder, "*" + NativeFormat.FileExtension).Order(StringComparer.Ordinal)
                    .Select(f => linux && File.Exists(Path.Combine(folder, "linux", Path.GetFileName(f))) ? Path.Combine(folder, "linux", Path.GetFileName(f)) : f)
                    .Select(f => new TemplateReport(Path.GetFileName(f)[..^NativeFormat.FileExtension.Length], NativeFormat.Deserialize(File.ReadAllText(f), f).Name, f))
                    .ToList();
                if (parse.GetValue(json))
                {
                    return await AdminOutput.JsonAsync(console, templates);
                }

                foreach (var listed in templates)
                {
                    await console.Output.WriteLineAsync($"{listed.Template,-15} {listed.Name}");
                }

                return ExitCodes.Success;
            }

            var templateName = parse.GetValue(template) ?? throw new UsageException("new: --template is required (see tsorch new --list)");
            var newName = parse.GetValue(name) ?? throw new UsageException("new: --name is required");
            var target = parse.GetValue(output) ?? throw new UsageException("new: --output is required");
            if (File.Exists(target) && !parse.GetValue(force))
            {
                throw new UsageException($"new: {target} exists; choose another --output, or add --force to overwrite it");
            }

            // A template with no Linux version of its own (user-state, custom) is the same on both platforms.
            var linuxFile = Path.Combine(folder, "linux", templateName + NativeFormat.FileExtension);
            var templateFile = linux && File.Exists(linuxFile) ? linuxFile : Path.Combine(folder, templateName + NativeFormat.FileExtension);
            if (!File.Exists(templateFile))
            {
                throw new FileNotFoundException($"unknown template '{templateName}' (see tsorch new --list)", templateFile);
            }

            var created = NativeFormat.Deserialize(File.ReadAllText(templateFile), templateFile) with
            {
                Id = parse.GetValue(id) ?? SequenceIds.FromName(newName),
                Name = newName,
                Version = 1,
            };
            await File.WriteAllTextAsync(target, NativeFormat.Serialize(created), ct);
            var written = WrittenReport.Of(target) with { Id = created.Id, Version = created.Version };
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), written, _ => $"wrote {target} ({created.Id}, from template {templateName}, {parse.GetValue(platform)})");
        });
        return command;
    }
}
