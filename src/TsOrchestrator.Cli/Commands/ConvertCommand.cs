using System.CommandLine;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch convert</c>: ConfigMgr/MDT XML (or native JSON) to the native format.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var output = new Option<string?>("--output", "-o") { Description = "The native file to write; standard output when left out" };
        var command = new Command("convert", "Convert a task sequence (ConfigMgr/MDT XML or native JSON) into the native JSON format.")
        {
            file, output,
        };
        command.SetAction(parse =>
        {
            var text = NativeFormat.Serialize(SequenceFileReader.Read(parse.GetValue(file)!));
            if (parse.GetValue(output) is { } target)
            {
                File.WriteAllText(target, text);
                console.Output.WriteLine($"wrote {target}");
            }
            else
            {
                console.Output.Write(text);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
