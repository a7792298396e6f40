using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Nodes;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>
/// The native file format (<c>*.tsq.json</c>): versioned JSON with a fixed key order and indentation,
/// so that a one-field edit is a one-line diff and a read-write round trip is lossless.
/// </summary>
public static class NativeFormat
{
    /// <summary>The file name suffix of native task sequence files.</summary>
    public const string FileExtension = ".tsq.json";

    /// <summary>A sequence larger than this cannot be saved or imported (Configuration Manager's 2 MB limit).</summary>
    public const int MaxStoredBytes = 2 * 1024 * 1024;

    /// <summary>Reads through reflection metadata, which keeps the model's defaults for left-out properties.</summary>
    private static readonly JsonTypeInfo<TaskSequence> ReadMetadata = ReflectionReader.For<TaskSequence>(NativeJsonContext.Default.Options);

    public static string Serialize(TaskSequence sequence) => Encoding.UTF8.GetString(SerializeToUtf8(sequence));

    public static byte[] SerializeToUtf8(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(sequence, NativeJsonContext.Default.TaskSequence);
        var withNewline = new byte[bytes.Length + 1];
        bytes.CopyTo(withNewline, 0);
        withNewline[^1] = (byte)'\n';
        return withNewline;
    }

    /// <summary>
    /// Reads a native file's text; <paramref name="source"/> names it in errors. A document deeper than
    /// <see cref="SequenceLimits"/> allow, or with a node without its kind, is refused naming the node.
    /// </summary>
    public static TaskSequence Deserialize(string json, string source = "<input>") =>
        Deserialize(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), source);

    public static TaskSequence Deserialize(ReadOnlySpan<byte> utf8Json, string source = "<input>")
    {
        NativeDocumentScan.Check(utf8Json, source);
        TaskSequence? sequence;
        try
        {
            sequence = JsonSerializer.Deserialize(utf8Json, ReadMetadata);
        }
        catch (JsonException e)
        {
            // JsonException line numbers are 0-based; people count from 1.
            var detail = e.Message;
            var cut = detail.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut > 0)
            {
                detail = detail[..cut];
            }

            var where = e.Path is { Length: > 0 } path && path != "$" ? $"{path}: " : "";
            throw new SequenceFormatException(source, e.LineNumber + 1, e.BytePositionInLine + 1, where + detail, e);
        }
        catch (NotSupportedException e)
        {
            // What the scan does not foresee about abstract types is still the document's fault, not the server's.
            throw new SequenceFormatException(source, null, null, $"the document cannot be read as a task sequence: {e.Message}", e);
        }

        if (sequence is null)
        {
            throw new SequenceFormatException(source, null, null, "the file holds null, not a task sequence");
        }

        return sequence;
    }
}
