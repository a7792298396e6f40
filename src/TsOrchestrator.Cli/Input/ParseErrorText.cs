using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace TsOrchestrator.Cli.Input;

/// <summary>
/// System.CommandLine's parse errors in the console's words: a type is named as a user knows it ("a whole number"),
/// not as .NET spells it (<c>System.Nullable`1[System.Int32]</c>), and the command's help is named instead of printed.
/// </summary>
internal static partial class ParseErrorText
{
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var match = CannotParse().Match(error.Message);
        if (match.Success)
        {
            return $"{match.Groups["symbol"].Value}: '{match.Groups["value"].Value}' is not {Friendly(match.Groups["type"].Value)}";
        }

        // AcceptOnlyFromAmong's own words put each allowed value on a line of its own; the one-line form of Choices instead.
        var notAmong = NotAmong().Match(error.Message);
        return notAmong.Success
            ? Choices.Expected(SymbolName(error.SymbolResult), notAmong.Groups["value"].Value,
                Quoted().Matches(notAmong.Groups["choices"].Value).Select(m => m.Groups[1].Value))
            : error.Message.TrimEnd('.');
    }

    /// <summary>The words after <c>tsorch</c> that name the command the parse reached, e.g. <c>collections create</c>.</summary>
    public static string CommandPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new Stack<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Command: not RootCommand } command; result = command.Parent)
        {
            names.Push(command.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string SymbolName(SymbolResult? symbol) => symbol switch
    {
        OptionResult option => option.Option.Name,
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        ArgumentResult argument => argument.Argument.Name,
        _ => "value",
    };

    private static string Friendly(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        return inner switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Double" or "System.Decimal" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            "System.DateTimeOffset" or "System.DateTime" => "a date and time (e.g. 2026-12-07T09:00:00Z)",
            "System.TimeSpan" => "a duration (e.g. 00:30:00)",
            "System.Guid" => "a GUID",
            "System.Uri" => "a URL",
            _ => "a valid value",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|argument) '(?<symbol>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<choices>.*?)\.?$", RegexOptions.Singleline)]
    private static partial Regex NotAmong();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
