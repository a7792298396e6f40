using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// How admin commands print: a padded table or one line by default, the server's JSON with <c>--json</c> (a command that
/// changes something prints the server's resulting object, or a small report naming what it did). On a terminal that
/// takes colour a list is a Spectre.Console table with coloured status words; redirected, it stays the plain padded table
/// scripts read.
/// </summary>
internal static class AdminOutput
{
    public static async Task<int> ListAsync<T>(CliConsole console, bool json, IReadOnlyList<T> rows, string[] headers, Func<T, string?[]> cells)
    {
        if (json)
        {
            return await JsonAsync(console, rows);
        }

        if (rows.Count == 0)
        {
            await console.Output.WriteLineAsync("(none)");
            return ExitCodes.Success;
        }

        if (console.Terminal)
        {
            TerminalTable.Write(console.Output, headers, rows.Select(r => cells(r).Select(c => c ?? "").ToArray()));
            return ExitCodes.Success;
        }

        var table = rows.Select(r => cells(r).Select(c => c ?? "").ToArray()).Prepend(headers).ToList();
        var widths = headers.Select((_, i) => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
        {
            // The last column is not padded, so lines carry no trailing spaces.
            await console.Output.WriteLineAsync(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))));
        }

        return ExitCodes.Success;
    }

    public static async Task<int> ItemAsync<T>(CliConsole console, bool json, T item, Func<T, string> text) =>
        json ? await JsonAsync(console, item) : await LineAsync(console, text(item));

    public static async Task<int> LineAsync(CliConsole console, string line)
    {
        await console.Output.WriteLineAsync(line);
        return ExitCodes.Success;
    }

    public static async Task<int> JsonAsync<T>(CliConsole console, T value)
    {
        await console.Output.WriteLineAsync(JsonSerializer.Serialize(value, ContractJson.Output));
        return ExitCodes.Success;
    }

    /// <summary>Reads <c>Name=Value</c> pairs of a repeated option; the option is named when one lacks its <c>=</c>.</summary>
    public static Dictionary<string, string> NameValues(IEnumerable<string>? pairs, string option)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"{option} '{pair}': expected Name=Value");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }

    public static string When(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
