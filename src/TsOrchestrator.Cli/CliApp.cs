using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Cli.Telemetry;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Cli;

/// <summary>The <c>tsorch</c> command line.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, new CliConsole(output, error));

    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Output, console.Error);

        // Under --json a script reads stdout: a refusal or a mistake is there too, as problem details (RFC 9457).
        var json = args.Contains("--json", StringComparer.Ordinal);
        try
        {
            // A bare `tsorch` shows what there is to do; a mistake in the command line is one line per mistake and the
            // command whose help says more, not the whole help with .NET's type names under it.
            var parse = Build(console).Parse(args.Length == 0 ? ["--help"] : args);
            if (parse.Errors.Count > 0)
            {
                var mistakes = parse.Errors.Select(ParseErrorText.Describe).ToList();
                var command = ParseErrorText.CommandPath(parse);
                var help = $"tsorch {(command.Length == 0 ? "" : command + " ")}--help";
                if (json)
                {
                    output.WriteLine(ProblemJson.OfCommandLine(mistakes, help));
                }

                mistakes.ForEach(m => error.WriteLine($"tsorch: {m}"));
                error.WriteLine($"tsorch: see '{help}'");
                return ExitCodes.InputError;
            }

            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return CliTracing.Enabled ? InvokeTraced(parse, invocation) : parse.Invoke(invocation);
        }
        catch (Exception e) when (IsUserError(e))
        {
            // The caller's mistake, or the server's refusal: one line that names the file and place, no stack trace.
            if (json)
            {
                output.WriteLine(ProblemJson.Of(e));
            }

            error.WriteLine($"tsorch: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    /// <summary>Apart, so that an untraced command never loads OpenTelemetry.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int InvokeTraced(ParseResult parse, InvocationConfiguration invocation)
    {
        using var span = CliTracing.Start(ParseErrorText.CommandPath(parse));
        var exitCode = -1;
        try
        {
            exitCode = parse.Invoke(invocation);
            return exitCode;
        }
        finally
        {
            span.Finish(exitCode);
        }
    }

    /// <summary>Every command of <c>tsorch</c>, writing to <paramref name="console"/>.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("tsorch — task sequences: simulate, validate, inspect, convert and create them; manage them on a server.")
        {
            SimulateCommand.Create(console),
            ValidateCommand.Create(console),
            InspectCommand.Create(console),
            ConvertCommand.Create(console),
            NewCommand.Create(console),
            ExportElsaCommand.Create(console),
            TaskSequencesCommands.Create(console),
            FoldersCommands.Create(console),
            DevicesCommands.Create(console),
            CollectionsCommands.Create(console),
            DeploymentsCommands.Create(console),
            PhasedCommands.Create(console),
            RunsCommands.Create(console),
            AuditCommands.Create(console),
            ContentCommands.Create(console),
            DistributionPointsCommands.Create(console), DistributionPointGroupsCommands.Create(console),
            ApiKeysCommands.Create(console),
        };
        foreach (var command in ExchangeCommands.Create(console))
        {
            root.Subcommands.Add(command);
        }

        root.Options.Add(AdminConnection.Server);
        root.Options.Add(AdminConnection.Key);
        return root;
    }

    private static bool IsUserError(Exception e) => e is SequenceFormatException or CompilationException or RunEventRejectedException
        or ScenarioException or UsageException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        or JsonException or AdminApiException or Refit.ApiException or Refit.ApiRequestException or HttpRequestException or HttpIOException;
}
