using System.CommandLine;
using Spectre.Console;

namespace TsOrchestrator.Cli.Progress;

/// <summary>
/// Progress bars for long content operations, drawn on standard error — only when both outputs are a terminal and
/// <c>--json</c> was not given. Redirected, a script sees the final lines alone, with no fallback progress text mixed in.
/// </summary>
internal static class ContentProgress
{
    /// <summary>The display to draw on, or null when nothing is to be drawn.</summary>
    /// <remarks>--json is looked for among the tokens, as <see cref="CliApp"/> does, so a command gains it without this changing.</remarks>
    public static IAnsiConsole? Display(CliConsole console, ParseResult parse) =>
        !parse.Tokens.Any(t => t.Value == "--json") && ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) })
            : null;

    /// <summary>Runs <paramref name="work"/> with bars on <paramref name="display"/>, or with bars that draw nothing when it is null.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole? display, Func<ProgressReport, Task<T>> work)
    {
        if (display is null)
        {
            return await work(ProgressReport.None);
        }

        return await display.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => await work(new ProgressReport(context)));
    }
}
