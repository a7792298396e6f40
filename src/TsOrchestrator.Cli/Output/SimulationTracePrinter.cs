using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;

namespace TsOrchestrator.Cli.Output;

/// <summary>
/// The readable trace of <c>tsorch simulate</c>: each group's name as a heading when the run enters it, and under it
/// one line per step run or node skipped, indented by depth so marks line up among siblings. Paths (what a scenario's
/// outcomes may name besides step names) follow each line with <c>--paths</c>.
/// </summary>
internal static class SimulationTracePrinter
{
    public static void Print(TextWriter output, TaskSequence sequence, SimulationResult result, bool paths = false)
    {
        output.WriteLine($"Simulating '{sequence.Name}' ({sequence.Id}, version {sequence.Version})");
        var groups = NodePath.Walk(sequence.Nodes).Where(n => n.Node is GroupNode).ToDictionary(n => n.Path, n => n.Node.Name, StringComparer.Ordinal);
        var entered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in result.History)
        {
            // Headings for the enclosing groups the run has not shown yet (child sequences' groups have none here).
            var segments = record.Path.Split('/');
            for (var depth = 1; depth < segments.Length; depth++)
            {
                var groupPath = string.Join('/', segments[..depth]);
                if (groups.TryGetValue(groupPath, out var groupName) && entered.Add(groupPath))
                {
                    output.WriteLine($"  {Indent(depth - 1)}{groupName}{(paths ? $"  [{groupPath}]" : "")}");
                }
            }

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
            output.WriteLine($"  {Indent(segments.Length - 1)}[{mark}] {record.Name}{suffix}{(paths ? $"  [{record.Path}]" : "")}");
        }

        var run = result.History.Count(r => r.Outcome is ActivityOutcome.Succeeded or ActivityOutcome.Failed);
        var failed = result.History.Count(r => r.Outcome == ActivityOutcome.Failed);
        var skipped = result.History.Count(r => r.Outcome == ActivityOutcome.Skipped);
        output.WriteLine($"Result: {result.Status} — {run} steps run, {failed} failed, {skipped} skipped");
        if (result.FinalState.FailedPath is { } failedPath && result.Status != RunStatus.Succeeded)
        {
            output.WriteLine($"Failed at {Describe(failedPath, groups, result)}: {result.FinalState.FailureReason}");
        }

        if (result.PostAction is { } postAction)
        {
            output.WriteLine($"Post action: {postAction}");
        }
    }

    private static string Indent(int depth) => new(' ', depth * 2);

    /// <summary>A node by its names ("Install Operating System › Apply Operating System"), its path after it.</summary>
    private static string Describe(string path, Dictionary<string, string> groups, SimulationResult result)
    {
        var segments = path.Split('/');
        var names = Enumerable.Range(1, segments.Length - 1)
            .Select(depth => groups.GetValueOrDefault(string.Join('/', segments[..depth])))
            .Append(result.History.LastOrDefault(r => r.Path == path)?.Name ?? groups.GetValueOrDefault(path))
            .Where(n => n is not null);
        return $"{string.Join(" › ", names)} ({path})";
    }
}
