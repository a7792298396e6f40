using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Sequences;
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
        var command = new Command("validate",
            "Report every problem of a task sequence with its node path and field. Exit code 1 when any is an error. " +
            "With --server, the site validates it: the packages, images, applications and child sequences it names are looked up there")
        {
            file, json, platform,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<CapabilityProfile>? profiles = parse.GetValue(platform) switch
            {
                "linux" => [CapabilityProfiles.Linux],
                "windows" => [CapabilityProfiles.Windows],
                "boot-image" => [CapabilityProfiles.LinuxBootImage],
                _ => null,
            };
            var sequence = SequenceFileReader.Read(path);
            var children = new FolderSequenceResolver(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var result = SequenceValidator.Validate(sequence, children, profiles);
            if (parse.GetValue(AdminConnection.Server) is not null)
            {
                // Only --platform's own warnings are kept from the offline check: the site does not compute them for a document.
                var platformOnly = profiles is null ? [] : result.Problems.Except(SequenceValidator.Validate(sequence, children).Problems).ToList();
                result = await OnSiteAsync(parse, sequence, platformOnly, cancellationToken);
            }

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

    /// <summary>The site's problems replace the offline ones: it finds child sequences where a run does and knows its content.</summary>
    private static async Task<ValidationResult> OnSiteAsync(ParseResult parse, TaskSequence sequence, IReadOnlyList<ValidationProblem> platformOnly,
        CancellationToken cancellationToken)
    {
        var site = (await AdminConnection.Connect(parse).ValidateTaskSequenceAsync(sequence, cancellationToken))
            .Select(p => new ValidationProblem(p.Path, p.Field, p.Message, Enum.Parse<ValidationSeverity>(p.Severity))).ToList();
        return new ValidationResult([.. site, .. platformOnly.Where(p => !site.Contains(p))]);
    }
}
