using System.CommandLine;
using System.Globalization;
using System.Text;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Engine.Elsa;

namespace TsOrchestrator.Cli.Commands;

/// <summary>
/// <c>tsorch export-elsa</c>: a sequence version's compiled workflow as an Elsa 3 workflow definition, from the server
/// (by id) or offline from a file (child sequences from the files beside it). Secret settings are never written.
/// </summary>
internal static class ExportElsaCommand
{
    public static Command Create(CliConsole console)
    {
        var sequence = new Argument<string>("sequence")
        {
            Description = "A task sequence id on the server, or a task sequence file (native JSON or ConfigMgr/MDT XML) to export offline",
        };
        var version = new Option<int?>("--version") { Description = "A saved version on the server (default: the latest)" };
        var output = new Option<string?>("--output", "-o") { Description = "The Elsa JSON file to write; standard output when left out" };
        // Without -o the Elsa document is written, which is JSON already; --json changes only what -o reports.
        var json = CommonOptions.Json();
        var command = new Command("export-elsa", "Write a task sequence's compiled workflow as an Elsa 3 workflow definition (JSON Elsa Studio imports).")
        {
            sequence, version, output, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(sequence)!;
            var number = parse.GetValue(version);
            if (number is < 1)
            {
                throw new UsageException($"--version: {number.Value.ToString(CultureInfo.InvariantCulture)} is not a version (versions start at 1)");
            }

            byte[] document;
            if (File.Exists(given))
            {
                if (number is not null)
                {
                    throw new UsageException($"--version: '{given}' is a file, which holds one version; --version picks a saved version on a server");
                }

                var folder = Path.GetDirectoryName(Path.GetFullPath(given))!;
                document = ElsaWorkflowExporter.ExportToUtf8(SequenceFileReader.Read(given), new FolderSequenceResolver(folder));
            }
            else
            {
                var api = AdminConnection.Connect(parse);
                await using var content = number is { } n
                    ? await api.ExportElsaWorkflowVersionAsync(given, n, ct)
                    : await api.ExportElsaWorkflowAsync(given, ct);
                using var buffer = new MemoryStream();
                await content.CopyToAsync(buffer, ct);
                document = buffer.ToArray();
            }

            if (parse.GetValue(output) is not { } target)
            {
                await console.Output.WriteAsync(Encoding.UTF8.GetString(document));
                return ExitCodes.Success;
            }

            var path = Path.GetFullPath(target);
            var temp = path + ".partial";
            await File.WriteAllBytesAsync(temp, document, ct);
            File.Move(temp, path, overwrite: true);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), WrittenReport.Of(path), w => $"wrote {w.Wrote} ({w.Bytes.ToString(CultureInfo.InvariantCulture)} bytes)");
        });
        return command;
    }
}
