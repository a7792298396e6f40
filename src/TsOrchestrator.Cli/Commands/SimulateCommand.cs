using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch simulate</c>: run a sequence against a virtual device and print the trace.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var scenario = new Option<string?>("--scenario") { Description = "Scenario JSON: device facts, starting variables, step outcomes by path or name" };
        var json = CommonOptions.Json();
        var command = new Command("simulate",
            "Run a task sequence on a virtual device and print every step run or skipped. " +
            "Exit code 0 when the run succeeded, 3 when it failed, was cancelled or timed out, 1 for bad input.")
        {
            file, scenario, json,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var sequence = SequenceFileReader.Read(path);
            var result = Simulator.Run(sequence, ScenarioFileReader.Read(parse.GetValue(scenario)),
                new FolderSequenceResolver(Path.GetDirectoryName(Path.GetFullPath(path))!));
            if (parse.GetValue(json))
            {
                console.Output.WriteLine(JsonSerializer.Serialize(Report(result), CliJsonContext.Default.SimulationReport));
            }
            else
            {
                SimulationTracePrinter.Print(console.Output, sequence, result);
            }

            return result.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.RunDidNotSucceed;
        });
        return command;
    }

    private static SimulationReport Report(SimulationResult result) => new(
        result.Status.ToString(),
        [.. result.History.Select(r => new StepReport(r.Path, r.Name, r.StepType, r.Outcome.ToString(), r.Reason, r.ExitCode, r.Attempt))],
        new SortedDictionary<string, string>(result.Variables.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase));
}
