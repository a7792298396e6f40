using TsOrchestrator.Cli.Admin;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>Issue 17: tables and colour on a terminal; plain, exactly as before, when redirected or NO_COLOR is set.</summary>
public sealed class TerminalOutputTests
{
    private static readonly string[] Headers = ["ID", "STATUS", "DEVICE"];

    private static readonly (string Id, string Status, string Device)[] Runs = [("RUN1", "Succeeded", "DEV1"), ("RUN2", "Failed", "DEV2"), ("RUN3", "Running", "DEV3")];

    [Fact]
    public async Task List_on_a_terminal_is_a_table_with_status_words_coloured()
    {
        using var output = new StringWriter();

        await AdminOutput.ListAsync(new CliConsole(output, TextWriter.Null, Terminal: true), json: false, Runs, Headers, r => [r.Id, r.Status, r.Device]);

        var text = output.ToString();
        text.ShouldContain("╭");
        // Standard colours: green 32, bright red 91, bright yellow 93.
        text.ShouldContain("\u001b[32mSucceeded");
        text.ShouldContain("\u001b[91mFailed");
        text.ShouldContain("\u001b[93mRunning");
        text.ShouldNotContain("\u001b[32mDEV1");
    }

    [Fact]
    public async Task List_when_redirected_is_the_plain_padded_table_without_escapes()
    {
        using var output = new StringWriter();

        await AdminOutput.ListAsync(new CliConsole(output, TextWriter.Null), json: false, Runs, Headers, r => [r.Id, r.Status, r.Device]);

        output.ToString().ShouldBe(string.Join(Environment.NewLine, "ID    STATUS     DEVICE", "RUN1  Succeeded  DEV1", "RUN2  Failed     DEV2", "RUN3  Running    DEV3", ""));
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(false, "1", false)]
    [InlineData(true, null, false)]
    public void Colour_only_on_a_terminal_and_never_with_NO_COLOR_set(bool redirected, string? noColor, bool colour)
    {
        CliConsole.IsColourTerminal(redirected, noColor).ShouldBe(colour);
    }

    [Fact]
    public void Status_colours_go_by_the_whole_word_or_the_word_before_a_comma()
    {
        StatusColours.Of("enabled, locked").Foreground.ShouldBe(Spectre.Console.Color.Green);
        StatusColours.Of("Cancelled").Foreground.ShouldBe(Spectre.Console.Color.Grey);
        StatusColours.Of("Failed 1, Succeeded 2").ShouldBe(Spectre.Console.Style.Plain);
    }
}
