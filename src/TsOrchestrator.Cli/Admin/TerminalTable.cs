using Spectre.Console;

namespace TsOrchestrator.Cli.Admin;

/// <summary>A list as a Spectre.Console table with coloured status words, for a person at a terminal.</summary>
internal static class TerminalTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        // Standard colours are enough for status words and every terminal has them; nothing here asks the user anything.
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell, StatusColours.Of(cell))));
        }

        ansi.Write(table);
    }
}
