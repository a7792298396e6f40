using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Cli;

/// <summary>The <c>tsorch</c> command line.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
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
        };
        foreach (var command in ExchangeCommands.Create(console))
        {
            root.Subcommands.Add(command);
        }

        root.Options.Add(AdminConnection.Server);
        root.Options.Add(AdminConnection.Key);

        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            // The caller's mistake, or the server's refusal: one line that names the file and place, no stack trace.
            error.WriteLine($"tsorch: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    private static bool IsUserError(Exception e) => e is SequenceFormatException or CompilationException or RunEventRejectedException
        or ScenarioException or UsageException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        or JsonException or AdminApiException or Refit.ApiException or Refit.ApiRequestException or HttpRequestException or HttpIOException;
}
