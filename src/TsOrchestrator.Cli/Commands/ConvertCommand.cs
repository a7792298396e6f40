using System.CommandLine;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch convert</c>: ConfigMgr/MDT XML (or native JSON) to the native format.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var output = new Option<string?>("--output", "-o") { Description = "The native file to write; standard output when left out" };
        // Without -o the native document is written, which is JSON already; --json changes only what -o reports.
        var json = CommonOptions.Json();
        var command = new Command("convert", "Convert a task sequence (ConfigMgr/MDT XML or native JSON) into the native JSON format.")
        {
            file, output, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sequence = SequenceFileReader.Read(parse.GetValue(file)!);
            var text = NativeFormat.Serialize(sequence);
            if (parse.GetValue(output) is not { } target)
            {
                await console.Output.WriteAsync(text);
                return ExitCodes.Success;
            }

            await File.WriteAllTextAsync(target, text, ct);
            var written = WrittenReport.Of(target) with { Id = sequence.Id, Version = sequence.Version };
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), written, _ => $"wrote {target}");
        });
        return command;
    }
}
