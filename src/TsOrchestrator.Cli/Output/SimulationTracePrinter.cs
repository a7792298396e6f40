using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;

namespace TsOrchestrator.Cli.Output;

/// <summary>The readable trace of <c>tsorch simulate</c>: one line per step run or node skipped, indented by depth.</summary>
internal static class SimulationTracePrinter
{
    public static void Print(TextWriter output, TaskSequence sequence, SimulationResult result)
    {
        output.WriteLine($"Simulating '{sequence.Name}' ({sequence.Id}, version {sequence.Version})");
        foreach (var record in result.History)
        {
            var depth = record.Path.Count(c => c == '/');
            var mark = record.Outcome switch
            {
                ActivityOutcome.Succeeded => "ok  ",
                ActivityOutcome.Failed => "FAIL",
                ActivityOutcome.Skipped => "skip",
                _ => "stop",
            };
            var detail = new List<string>();
            if (record.ExitCode is { } exitCode)
            {
                detail.Add($"exit {Simulator.FormatExitCode(exitCode)}");
            }

            if (record.Attempt > 1)
            {
                detail.Add($"attempt {record.Attempt}");
            }

            if (record.Reason is { } reason)
            {
                detail.Add(reason);
            }

            var suffix = detail.Count == 0 ? "" : $"  ({string.Join(", ", detail)})";
            output.WriteLine($"  [{mark}] {new string(' ', depth * 2)}{record.Path,-8} {record.Name}{suffix}");
        }

        var run = result.History.Count(r => r.Outcome is ActivityOutcome.Succeeded or ActivityOutcome.Failed);
        var failed = result.History.Count(r => r.Outcome == ActivityOutcome.Failed);
        var skipped = result.History.Count(r => r.Outcome == ActivityOutcome.Skipped);
        output.WriteLine($"Result: {result.Status} — {run} steps run, {failed} failed, {skipped} skipped");
        if (result.FinalState.FailedPath is { } failedPath && result.Status != RunStatus.Succeeded)
        {
            output.WriteLine($"Failed at {failedPath}: {result.FinalState.FailureReason}");
        }

        if (result.PostAction is { } postAction)
        {
            output.WriteLine($"Post action: {postAction}");
        }
    }
}
