using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Engine.Compilation;
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
        var profile = new Option<string>("--profile")
        {
            Description = "The agent simulated: linux (default), linux-boot-image or windows; a step or condition it would refuse fails with its message",
            DefaultValueFactory = _ => CapabilityProfiles.LinuxName,
        };
        profile.AcceptOnlyFromAmong([.. CapabilityProfiles.All.Select(p => p.Name)]);
        var force = new Option<bool>("--force") { Description = "Simulate even when validation finds errors (which the server and import would refuse)" };
        var paths = new Option<bool>("--paths") { Description = "Show each node's path (what scenario outcomes may name besides step names)" };
        var command = new Command("simulate",
            "Run a task sequence on a virtual device and print every step run or skipped. " +
            "Exit code 0 when the run succeeded, 3 when it failed, was cancelled or timed out, 1 for bad input.")
        {
            file, scenario, json, profile, paths, force,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var sequence = SequenceFileReader.Read(path);
            var children = new FolderSequenceResolver(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // What the server and import refuse is not simulated as if it could run, unless asked.
            var validation = SequenceValidator.Validate(sequence, children);
            if (!validation.IsValid && !parse.GetValue(force))
            {
                var errors = validation.Errors.Select(e => ProblemLine.Of(path, e)).ToList();
                var refusal = "not simulated: validation refuses it, as the server and import would (--force simulates anyway)";
                if (parse.GetValue(json))
                {
                    console.Output.WriteLine(ProblemJson.OfInvalidSequence(path, refusal, validation.Errors));
                }

                if (errors.Count == 1)
                {
                    console.Error.WriteLine($"{errors[0]}; {refusal}");
                }
                else
                {
                    errors.ForEach(console.Error.WriteLine);
                    console.Error.WriteLine($"{path}: {errors.Count} errors, {refusal}");
                }

                return ExitCodes.InputError;
            }

            var definition = WorkflowCompiler.Compile(sequence, children);
            var scripted = ScenarioFileReader.Read(parse.GetValue(scenario));
            CheckOutcomesNameSteps(scripted, definition, parse.GetValue(scenario));
            var result = Simulator.Run(definition, scripted, CapabilityProfiles.Find(parse.GetValue(profile)!));
            if (parse.GetValue(json))
            {
                console.Output.WriteLine(JsonSerializer.Serialize(Report(result), CliJsonContext.Default.SimulationReport));
            }
            else
            {
                SimulationTracePrinter.Print(console.Output, sequence, result, parse.GetValue(paths));
            }

            return result.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.RunDidNotSucceed;
        });
        return command;
    }

    /// <summary>An outcome for a path or name that no step of the sequence has would never be used: a typo, said so.</summary>
    private static void CheckOutcomesNameSteps(SimulationScenario scenario, WorkflowDefinition definition, string? file)
    {
        var steps = definition.Activities.Where(a => a.Kind is not (ActivityKind.Group or ActivityKind.RunChildSequence)).ToList();
        foreach (var key in scenario.Outcomes.Keys)
        {
            if (!steps.Any(a => a.Path == key || string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScenarioException($"{file}: outcomes: no step of the sequence is named or at path '{key}'");
            }
        }
    }

    private static SimulationReport Report(SimulationResult result) => new(
        result.Status.ToString(),
        [.. result.History.Select(r => new StepReport(r.Path, r.Name, r.StepType, r.Outcome.ToString(), r.Reason, r.ExitCode, r.Attempt))],
        new SortedDictionary<string, string>(result.Variables.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase));
}
