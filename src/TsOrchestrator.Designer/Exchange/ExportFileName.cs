using System.Text;

namespace TsOrchestrator.Designer.Exchange;

/// <summary>
/// The name an export downloads under: the sequence's name for one, else a count, kept to characters every file
/// system takes (a browser would otherwise replace them its own way, or refuse the name).
/// </summary>
public static class ExportFileName
{
    public static string Suggest(IReadOnlyList<string> sequenceNames)
    {
        ArgumentNullException.ThrowIfNull(sequenceNames);
        return sequenceNames.Count == 1 ? Clean(sequenceNames[0]) : $"task-sequences-{sequenceNames.Count}";
    }

    /// <summary>The typed name without folders, reserved characters or an extension the export decides itself.</summary>
    public static string Clean(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Trim();
        foreach (var extension in (string[])[".zip", ".tar"])
        {
            if (text.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^extension.Length];
            }
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')' ? c : '_');
        }

        var clean = builder.ToString().Trim(' ', '.');
        return clean.Length == 0 ? "export" : clean;
    }

    /// <summary>Without content the server answers the zip; with it, one tar of the zip and its <c>_files</c> folder.</summary>
    public static string WithExtension(string name, bool includesContent) => Clean(name) + (includesContent ? ".tar" : ".zip");
}
