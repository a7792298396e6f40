using Spectre.Console;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// The colour of a status word in a table on a terminal, as the console shows them: done well green, failed or refused
/// red, under way or waiting yellow, stopped by someone grey. Any other text keeps the terminal's colour.
/// </summary>
internal static class StatusColours
{
    private static readonly Dictionary<string, Color> Words = new(StringComparer.Ordinal)
    {
        ["Succeeded"] = Color.Green, ["Success"] = Color.Green, ["Completed"] = Color.Green, ["Approved"] = Color.Green,
        ["Active"] = Color.Green, ["enabled"] = Color.Green,
        ["Failed"] = Color.Red, ["TimedOut"] = Color.Red, ["Blocked"] = Color.Red,
        ["Running"] = Color.Yellow, ["InProgress"] = Color.Yellow, ["Pending"] = Color.Yellow, ["NotStarted"] = Color.Yellow,
        ["Suspended"] = Color.Yellow,
        ["Cancelled"] = Color.Grey, ["disabled"] = Color.Grey,
    };

    /// <summary>The style of a cell whose text is a status word, or starts with one before a comma ("enabled, locked").</summary>
    public static Style Of(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var comma = cell.IndexOf(',', StringComparison.Ordinal);
        return Words.TryGetValue(comma < 0 ? cell : cell[..comma], out var colour) ? new Style(colour) : Style.Plain;
    }
}
