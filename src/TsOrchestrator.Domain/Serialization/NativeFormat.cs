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

    /// <summary>Reads a native file's text; <paramref name="source"/> names it in errors.</summary>
    public static TaskSequence Deserialize(string json, string source = "<input>") =>
        Deserialize(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), source);

    public static TaskSequence Deserialize(ReadOnlySpan<byte> utf8Json, string source = "<input>")
    {
        CheckFormatVersion(utf8Json, source);
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

        if (sequence is null)
        {
            throw new SequenceFormatException(source, null, null, "the file holds null, not a task sequence");
        }

        return sequence;
    }

    /// <summary>
    /// Checks the version before anything else: a file from a newer build may have fields this build does
    /// not know, and "format version 2 is not supported" says more than "unknown property".
    /// </summary>
    private static void CheckFormatVersion(ReadOnlySpan<byte> utf8Json, string source)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = string.Equals(reader.GetString(), "formatVersion", StringComparison.OrdinalIgnoreCase);
                reader.Read();
                if (isVersion && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var version) &&
                    version is < 1 or > NativeFormatVersion.Current)
                {
                    var line = utf8Json[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;
                    throw new SequenceFormatException(source, line, null,
                        $"format version {version} is not supported (this build reads 1 to {NativeFormatVersion.Current})");
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the full read that follows reports it with its position.
        }
    }
}
