using System.CommandLine;
using System.Text.Json;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch runs list|get</c>: runs on the server.</summary>
internal static class RunsCommands
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text" };
        var status = new Option<string?>("--status") { Description = "Only runs with this status" };
        var list = new Command("list", "List runs, newest first") { status, json };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var runs = await AdminConnection.Connect(parse).ListRunsAsync(status: parse.GetValue(status), cancellationToken: cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(runs, AdminConnection.Json));
                return ExitCodes.Success;
            }

            foreach (var run in runs)
            {
                await console.Output.WriteLineAsync($"{run.Id,-16} {run.Status,-10} {run.SequenceId,-14} {run.DeviceId,-14} {run.CurrentStep}");
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string>("id") { Description = "Run id" };
        var get = new Command("get", "Show a run with its step history") { id, json };
        get.SetAction(async (parse, cancellationToken) =>
        {
            var run = await AdminConnection.Connect(parse).GetRunAsync(parse.GetValue(id)!, cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(run, AdminConnection.Json));
                return ExitCodes.Success;
            }

            await console.Output.WriteLineAsync($"{run.Summary.Id}: {run.Summary.Status} ({run.StepsRun} steps run, {run.StepsFailed} failed)");
            foreach (var step in run.History)
            {
                await console.Output.WriteLineAsync($"  {step.Path,-8} {step.Outcome,-9} {step.Name}{(step.ExitCode is { } code ? $" (exit {code})" : "")}");
            }

            return ExitCodes.Success;
        });

        return new Command("runs", "Runs on the server") { list, get };
    }
}
