using System.Text;

namespace TsOrchestrator.Domain.Import;

/// <summary>Ids for imported sequences that carry none: derived from the file name, the same every time.</summary>
public static class SequenceIds
{
    public const int MaxLength = 64;

    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (var c in name)
        {
            if (id.Length == MaxLength)
            {
                break;
            }

            id.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : c is '-' or '_' ? c : '-');
        }

        return id.Length == 0 ? "IMPORTED" : id.ToString();
    }
}
