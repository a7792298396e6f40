using Spectre.Console;

namespace TsOrchestrator.Cli.Progress;

/// <summary>Where an operation adds its bars; <see cref="None"/> when progress is not shown.</summary>
internal sealed class ProgressReport(ProgressContext? context)
{
    public static readonly ProgressReport None = new(null);

    /// <summary>A bar out of <paramref name="total"/>; an unknown total (null) animates until the bar is done.</summary>
    public ProgressLine Add(string description, double? total = null)
    {
        if (context is null)
        {
            return new ProgressLine(null);
        }

        var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total ?? 1, 1));
        task.IsIndeterminate = total is null;
        return new ProgressLine(task);
    }
}
