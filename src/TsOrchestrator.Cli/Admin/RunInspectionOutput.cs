using System.Globalization;
using TsOrchestrator.Contracts.Runs;

namespace TsOrchestrator.Cli.Admin;

/// <summary>How <c>tsorch runs inspect</c> prints a run's inspection: steps by their group and step names.</summary>
internal static class RunInspectionOutput
{
    public static async Task<int> PrintAsync(CliConsole console, RunInspection inspection, bool oneStep)
    {
        var output = console.Output;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{inspection.RunId}: {inspection.Status}, {inspection.Steps.Count} records, {inspection.BytesKept:N0} of {inspection.CapBytes:N0} bytes of inspection data"));
        if (inspection.Capped is { } capped)
        {
            await output.WriteLineAsync($"  {capped}");
        }

        if (inspection.Removed is { } removed)
        {
            await output.WriteLineAsync($"  {removed}");
        }

        foreach (var step in inspection.Steps)
        {
            await output.WriteLineAsync(Header(step));
            if (step.ConditionEvaluation is { } condition)
            {
                await output.WriteLineAsync($"      condition: {condition}");
            }

            if (!step.Inspected)
            {
                await output.WriteLineAsync("      (no variables kept for this step)");
                continue;
            }

            if (oneStep && step.Before is { } before)
            {
                await output.WriteLineAsync($"      variables before ({before.Count}):");
                foreach (var (name, value) in before.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase))
                {
                    await output.WriteLineAsync($"        {name} = {value}");
                }
            }

            if (oneStep)
            {
                await output.WriteLineAsync(step.Changes.Count == 0 ? "      changed: nothing" : $"      changed ({step.Changes.Count}):");
            }

            foreach (var change in step.Changes)
            {
                await output.WriteLineAsync("      " + ChangeLine(change));
            }

            if (oneStep && step.Log is { Length: > 0 } log)
            {
                await output.WriteLineAsync("      log:");
                foreach (var line in log.TrimEnd('\n').Split('\n'))
                {
                    await output.WriteLineAsync($"        {line.TrimEnd('\r')}");
                }
            }
        }

        return ExitCodes.Success;
    }

    private static string Header(RunStepInspection step)
    {
        var exit = step.ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $", exit {code}") : "";
        var attempt = step.Attempt > 1 ? string.Create(CultureInfo.InvariantCulture, $", attempt {step.Attempt}") : "";
        var reason = step.Reason is { } why ? $": {why}" : "";
        var times = step.StartedAt is { } start && step.EndedAt is { } end
            ? string.Create(CultureInfo.InvariantCulture, $" [{start.UtcDateTime:HH:mm:ss} → {end.UtcDateTime:HH:mm:ss}, {(end - start).TotalSeconds:0.0} s]")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"  #{step.Sequence,-3} {step.Outcome,-9} {step.NamePath}{exit}{attempt}{reason}{times}");
    }

    private static string ChangeLine(VariableChangeInfo change) => change.Change switch
    {
        "Added" => $"+ {change.Name} = {change.After}",
        "Removed" => $"- {change.Name} (was {change.Before})",
        _ => $"~ {change.Name}: {change.Before} → {change.After}",
    };
}
