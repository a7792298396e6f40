using Spectre.Console;

namespace TsOrchestrator.Cli.Progress;

/// <summary>One bar; every call does nothing when progress is not shown.</summary>
internal sealed class ProgressLine(ProgressTask? task)
{
    public void Advance(double amount) => task?.Increment(amount);

    public void Set(double value, double total)
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(total, 1);
            task.Value = value;
        }
    }

    public void Describe(string description)
    {
        if (task is not null)
        {
            task.Description = Markup.Escape(description);
        }
    }

    /// <summary>Shows the bar full and stops it (an unknown total becomes known: it is done).</summary>
    public void Done()
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
