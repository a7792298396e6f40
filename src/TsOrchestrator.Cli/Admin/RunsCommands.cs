using System.CommandLine;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch runs list|get|inspect|cancel|resume|watch</c>: runs of task sequences on devices.</summary>
internal static class RunsCommands
{
    public static Command Create(CliConsole console) => new("runs", "Runs on the server")
    {
        List(console), Get(console), Inspect(console), Cancel(console), Resume(console), Watch(console),
    };

    private static Argument<string> Id() => new("id") { Description = "Run id" };

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var deployment = new Option<string?>("--deployment") { Description = "Only runs of this deployment" };
        var device = new Option<string?>("--device") { Description = "Only runs on this device" };
        var status = new Option<string?>("--status") { Description = "Only runs with this status (Running, Failed, ...)" }.OneOf(Enum.GetNames<RunStatus>());
        var command = new Command("list", "List runs, newest first") { deployment, device, status, json };
        command.SetAction(async (parse, ct) =>
        {
            var runs = await AdminConnection.Connect(parse).ListRunsAsync(parse.GetValue(deployment), parse.GetValue(device), Canonical(parse.GetValue(status)), ct);
            return await AdminOutput.ListAsync(console, parse.GetValue(json), runs, ["ID", "STATUS", "SEQUENCE", "DEVICE", "UPDATED", "STEP"],
                r => [r.Id, r.Status, $"{r.SequenceId} v{r.SequenceVersion}", r.DeviceId, AdminOutput.When(r.UpdatedAt), r.CurrentStep]);
        });
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("get", "Show a run with its step history") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var run = await AdminConnection.Connect(parse).GetRunAsync(parse.GetValue(id)!, ct);
            return await PrintAsync(console, parse.GetValue(json), run);
        });
        return command;
    }

    private static Command Inspect(CliConsole console)
    {
        var id = Id();
        var step = new Option<string?>("--step") { Description = "One step, by its groups and name (Install/Apply OS) or index path (2/0): its variables before and after, and its log" };
        var json = CommonOptions.Json();
        var command = new Command("inspect", "Show what each step of a run saw and changed, and how its condition was decided") { id, step, json };
        command.SetAction(async (parse, ct) =>
        {
            var inspection = await AdminConnection.Connect(parse).InspectRunAsync(parse.GetValue(id)!, parse.GetValue(step), ct);
            return parse.GetValue(json) ? await AdminOutput.JsonAsync(console, inspection)
                : await RunInspectionOutput.PrintAsync(console, inspection, parse.GetValue(step) is not null);
        });
        return command;
    }

    private static Command Cancel(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("cancel", "Cancel a run (the device stops after its current step)") { id, json };
        command.SetAction(async (parse, ct) =>
            await PrintAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).CancelRunAsync(parse.GetValue(id)!, ct)));
        return command;
    }

    private static Command Resume(CliConsole console)
    {
        var id = Id();
        var from = new Option<string?>("--from") { Description = "Node path to resume at (default: the failed step)" };
        var set = new Option<string[]>("--set") { Description = "Change a task sequence variable first: Name=Value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var json = CommonOptions.Json();
        var command = new Command("resume", "Resume a failed, cancelled or timed-out run") { id, from, set, json };
        command.SetAction(async (parse, ct) =>
        {
            var edits = AdminOutput.NameValues(parse.GetValue(set), "--set");
            var request = new ResumeRunRequest { FromPath = parse.GetValue(from), VariableEdits = edits.Count == 0 ? null : edits };
            return await PrintAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ResumeRunAsync(parse.GetValue(id)!, request, ct));
        });
        return command;
    }

    private static Command Watch(CliConsole console)
    {
        var id = Id();
        var json = new Option<bool>("--json") { Description = "Write each event as one line of JSON (JSON Lines)" };
        var command = new Command("watch", "Follow a run live: each step as it finishes, until the run ends") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var events = await AdminConnection.Connect(parse).WatchRunAsync(parse.GetValue(id)!, ct);
            string? status = null;
            await foreach (var message in RunEvents.ReadAsync(events, ct))
            {
                if (parse.GetValue(json))
                {
                    await console.Output.WriteLineAsync(JsonSerializer.Serialize(message, ContractJson.Options));
                }
                else
                {
                    foreach (var step in message.Records)
                    {
                        await console.Output.WriteLineAsync(StepLine(step));
                    }

                    if (message.Status != status)
                    {
                        await console.Output.WriteLineAsync($"{message.RunId}: {message.Status}{(message.CurrentStep is { } at ? $" at {at}" : "")}");
                    }
                }

                status = message.Status;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> PrintAsync(CliConsole console, bool json, RunDetails run)
    {
        if (json)
        {
            return await AdminOutput.JsonAsync(console, run);
        }

        await console.Output.WriteLineAsync($"{run.Summary.Id}: {run.Summary.Status} ({run.StepsRun} steps run, {run.StepsFailed} failed)" +
            (run.FailedPath is { } failed ? $", failed at {failed}: {run.FailureReason}" : ""));
        foreach (var step in run.History)
        {
            await console.Output.WriteLineAsync(StepLine(step));
        }

        return ExitCodes.Success;
    }

    /// <summary>The server matches a status word exactly: <c>failed</c> is sent as it stores it, <c>Failed</c>.</summary>
    private static string? Canonical(string? status) => Enum.TryParse<RunStatus>(status, ignoreCase: true, out var known) ? known.ToString() : status;

    private static string StepLine(RunStepRecord step) =>
        $"  {step.Path,-8} {step.Outcome,-9} {step.Name}{(step.ExitCode is { } code ? $" (exit {code})" : "")}{(step.Reason is { } reason ? $": {reason}" : "")}";
}
