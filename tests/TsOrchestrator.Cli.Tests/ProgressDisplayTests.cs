using Spectre.Console;
using TsOrchestrator.Cli.Progress;

namespace TsOrchestrator.Cli.Tests;

/// <summary>The progress bars long content operations draw on a terminal, forced onto a captured writer.</summary>
public sealed class ProgressDisplayTests
{
    [Fact]
    public async Task A_bar_drawn_on_an_interactive_console_ends_full_with_its_description()
    {
        using var captured = new StringWriter();
        var display = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(captured), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes, ColorSystem = ColorSystemSupport.NoColors,
        });

        var result = await ContentProgress.RunAsync(display, async progress =>
        {
            var bar = progress.Add("upload to dp1:5443", 4096);
            bar.Advance(1024);
            await Task.Yield();
            bar.Advance(3072);
            bar.Done();
            return 42;
        });

        result.ShouldBe(42);
        captured.ToString().ShouldContain("upload to dp1:5443");
        captured.ToString().ShouldContain("100%");
    }

    [Fact]
    public async Task Without_a_display_the_work_runs_and_nothing_is_drawn()
    {
        var result = await ContentProgress.RunAsync(null, progress =>
        {
            var bar = progress.Add("prestage");
            bar.Advance(10);
            bar.Done();
            return Task.FromResult("done");
        });

        result.ShouldBe("done");
    }
}
