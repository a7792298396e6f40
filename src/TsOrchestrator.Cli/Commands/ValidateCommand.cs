using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch validate</c>: every problem of a sequence; exit code 1 when any is an error.</summary>
internal static class ValidateCommand
{
    private const int PlacesListed = 5;

    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var json = CommonOptions.Json();
        var platform = new Option<string?>("--platform")
        {
            Description = "Warn per step and condition that an agent of this kind cannot run: linux, windows or boot-image (the Linux boot image). " +
                          "Without it, the sequence's own platform restriction decides",
        };
        platform.AcceptOnlyFromAmong("linux", "windows", "boot-image");
        var command = new Command("validate", "Report every problem of a task sequence with its node path and field. Exit code 1 when any is an error.")
        {
            file, json, platform,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<CapabilityProfile>? profiles = parse.GetValue(platform) switch
            {
                "linux" => [CapabilityProfiles.Linux],
                "windows" => [CapabilityProfiles.Windows],
                "boot-image" => [CapabilityProfiles.LinuxBootImage],
                _ => null,
            };
            var result = SequenceValidator.Validate(SequenceFileReader.Read(path), new FolderSequenceResolver(Path.GetDirectoryName(Path.GetFullPath(path))!), profiles);
            if (parse.GetValue(json))
            {
                var report = new ValidationReport(result.IsValid,
                    [.. result.Problems.Select(p => new ProblemReport(p.Severity.ToString(), p.Path, p.Field, p.Message))]);
                console.Output.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.ValidationReport));
            }
            else
            {
                // The same problem at many steps (an imported MDT sequence repeats one setting at every command line) is
                // one line naming where, not a screenful; --json keeps every one.
                foreach (var kind in result.Problems.GroupBy(p => (p.Severity, p.Field, p.Message)))
                {
                    if (kind.Count() == 1)
                    {
                        console.Output.WriteLine(ProblemLine.Of(path, kind.Single()));
                        continue;
                    }

                    var places = kind.Select(p => p.Path.Length == 0 ? "(sequence)" : p.Path).ToList();
                    var listed = string.Join(", ", places.Take(PlacesListed)) + (places.Count > PlacesListed ? $" and {places.Count - PlacesListed} more" : "");
                    console.Output.WriteLine(ProblemLine.Repeated(path, kind.Key.Severity, kind.Key.Field, kind.Key.Message, $"{places.Count} places: {listed}"));
                }

                var errors = result.Errors.Count();
                var warnings = result.Warnings.Count();
                console.Output.WriteLine(result.IsValid ? $"{path}: valid ({warnings} warnings)" : $"{path}: {errors} errors, {warnings} warnings");
            }

            return result.IsValid ? ExitCodes.Success : ExitCodes.InputError;
        });
        return command;
    }
}
