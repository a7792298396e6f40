using System.Text;

namespace TsOrchestrator.Domain.Variables;

/// <summary>Replaces <c>%Name%</c> with the variable's value; unknown names stay as written.</summary>
public static class VariableExpander
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        if (text.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        var i = 0;
        while (true)
        {
            var open = text.IndexOf('%', i);
            var close = open < 0 ? -1 : text.IndexOf('%', open + 1);
            if (close < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }

            builder.Append(text, i, open - i);
            var name = text.Substring(open + 1, close - open - 1);
            if (name.Length > 0 && variables.TryGetValue(name, out var value))
            {
                builder.Append(value);
                i = close + 1;
            }
            else
            {
                // Not a known variable: keep it as written; its closing % may open the next reference.
                builder.Append('%').Append(name);
                i = close;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when the text references at least one <c>%Name%</c>.</summary>
    public static bool HasReferences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Pairs % the way Expand does: an empty pair's closing % may open the next reference (%%Var%).
        var open = text.IndexOf('%', StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = text.IndexOf('%', open + 1);
            if (close < 0)
            {
                return false;
            }

            if (close > open + 1)
            {
                return true;
            }

            open = close;
        }

        return false;
    }
}
