namespace TsOrchestrator.Domain.Serialization;

/// <summary>A file is not a readable task sequence; the message names the file, line and position.</summary>
public sealed class SequenceFormatException : Exception
{
    public SequenceFormatException(string source, long? line, long? column, string detail, Exception? innerException = null)
        : base(Format(source, line, column, detail), innerException)
    {
        Source = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    public SequenceFormatException()
    {
        Source = "";
        Detail = "";
    }

    public SequenceFormatException(string message)
        : base(message)
    {
        Source = "";
        Detail = message;
    }

    public SequenceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "";
        Detail = message;
    }

    /// <summary>The file (or other input) that could not be read.</summary>
    public new string Source { get; }

    /// <summary>1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>1-based column, when known.</summary>
    public long? Column { get; }

    public string Detail { get; }

    private static string Format(string source, long? line, long? column, string detail) =>
        line is null ? $"{source}: {detail}" : column is null ? $"{source}:{line}: {detail}" : $"{source}:{line}:{column}: {detail}";
}
