using System.Text;
using System.Text.Json;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>
/// One forward pass over a native document before it is deserialized: the format version first (a file from a newer
/// build may have fields this build does not know), then the limits of <see cref="SequenceLimits"/> and the
/// discriminators every node and condition needs, refused at the first token past them with the node's JSON path. The
/// serializer builds only what passed, and says nothing in its own words about depth or abstract types.
/// Malformed JSON is left to the serializer, which reports it with its position.
/// </summary>
internal ref struct NativeDocumentScan
{
    private readonly ReadOnlySpan<byte> _utf8Json;
    private readonly string _source;
    private readonly List<Frame> _open = [];
    private int _nodes;
    private int _conditions;

    private NativeDocumentScan(ReadOnlySpan<byte> utf8Json, string source)
    {
        _utf8Json = utf8Json;
        _source = source;
    }

    public static void Check(ReadOnlySpan<byte> utf8Json, string source) => new NativeDocumentScan(utf8Json, source).Run();

    private void Run()
    {
        var reader = new Utf8JsonReader(_utf8Json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = SequenceLimits.MaxJsonDepth + 1,
        });
        try
        {
            while (reader.Read())
            {
                Step(ref reader);
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the full read that follows reports it with its position.
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // Names and strings are decoded to compare them; bytes that are not UTF-8 are the document's fault.
            throw new SequenceFormatException(_source, null, null, "the document is not valid UTF-8 text", e);
        }
    }

    private void Step(ref Utf8JsonReader reader)
    {
        var startsValue = reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName);
        if (startsValue && _open.Count > 0 && _open[^1].IsArray)
        {
            _open[^1] = _open[^1] with { Index = _open[^1].Index + 1 };
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                Open(ref reader);
                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                Close(ref reader);
                break;
            case JsonTokenType.PropertyName:
                Property(ref reader);
                break;
            default:
                break;
        }
    }

    private void Open(ref Utf8JsonReader reader)
    {
        if (_open.Count >= SequenceLimits.MaxJsonDepth)
        {
            throw Refused(ref reader, $"JSON nested deeper than {SequenceLimits.MaxJsonDepth} levels");
        }

        var isArray = reader.TokenType == JsonTokenType.StartArray;
        var parent = _open.Count == 0 ? null : (Frame?)_open[^1];
        var role = (parent, isArray) switch
        {
            (null, false) => Role.Document,
            ({ Role: Role.Document, Property: "nodes" }, true) or ({ Role: Role.Node, Property: "children" }, true) => Role.NodeList,
            ({ Role: Role.NodeList }, false) => Role.Node,
            ({ Role: Role.Node, Property: "condition" }, false) or ({ Role: Role.ConditionList }, false) => Role.Condition,
            ({ Role: Role.Condition, Property: "conditions" }, true) => Role.ConditionList,
            _ => Role.Other,
        };

        // A node inside a node is a child of a group; one past the limit means its parent is a group too deep.
        if (role == Role.Node && ++_nodes > SequenceLimits.MaxGroupDepth + 1)
        {
            throw Refused(ref reader, SequenceLimits.TooDeepGroups);
        }

        if (role == Role.Condition && ++_conditions > SequenceLimits.MaxConditionDepth + 1)
        {
            throw Refused(ref reader, SequenceLimits.TooDeepConditions);
        }

        // The array's index already counts this element; the path names it by that index.
        _open.Add(new Frame(role, isArray, parent?.IsArray == true ? parent.Value.Index : -1, parent?.Property));
    }

    private void Close(ref Utf8JsonReader reader)
    {
        var frame = _open[^1];
        if (frame.Role == Role.Node && !frame.HasDiscriminator)
        {
            throw Refused(ref reader, "the node has no \"kind\": every node is \"kind\": \"group\" or \"kind\": \"step\"");
        }

        if (frame.Role == Role.Condition && !frame.HasDiscriminator)
        {
            throw Refused(ref reader, "the condition has no \"type\" (if, variable, osVersion, osLanguage, file, folder, registry, wmi or software)");
        }

        _nodes -= frame.Role == Role.Node ? 1 : 0;
        _conditions -= frame.Role == Role.Condition ? 1 : 0;
        _open.RemoveAt(_open.Count - 1);
    }

    private void Property(ref Utf8JsonReader reader)
    {
        var frame = _open[^1];
        var name = reader.GetString();
        _open[^1] = frame with { Property = name };
        if (frame.Role == Role.Document && string.Equals(name, "formatVersion", StringComparison.OrdinalIgnoreCase))
        {
            CheckVersion(ref reader);
        }
        else if (frame.Role == Role.Node && name == "kind")
        {
            var kind = ReadString(ref reader);
            _open[^1] = _open[^1] with { HasDiscriminator = true };
            if (kind == "group" && _nodes > SequenceLimits.MaxGroupDepth)
            {
                throw Refused(ref reader, SequenceLimits.TooDeepGroups);
            }
        }
        else if (frame.Role == Role.Condition && name == "type")
        {
            var type = ReadString(ref reader);
            _open[^1] = _open[^1] with { HasDiscriminator = true };
            if (type == "if" && _conditions > SequenceLimits.MaxConditionDepth)
            {
                throw Refused(ref reader, SequenceLimits.TooDeepConditions);
            }
        }
    }

    private void CheckVersion(ref Utf8JsonReader reader)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var version) &&
            version is < 1 or > NativeFormatVersion.Current)
        {
            throw new SequenceFormatException(_source, LineOf(ref reader), null,
                $"format version {version} is not supported (this build reads 1 to {NativeFormatVersion.Current})");
        }

        reader.Skip();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private readonly long LineOf(ref Utf8JsonReader reader) => _utf8Json[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;

    private readonly SequenceFormatException Refused(ref Utf8JsonReader reader, string limit) =>
        new(_source, LineOf(ref reader), null, $"{Path()}: {limit}");

    /// <summary>The JSON path of the innermost open value, as the serializer names paths (<c>$.nodes[0].children[2]</c>).</summary>
    private readonly string Path()
    {
        var path = new StringBuilder("$");
        for (var i = 1; i < _open.Count; i++)
        {
            var frame = _open[i];
            path.Append(frame.IndexInParent >= 0 ? $"[{frame.IndexInParent}]" : $".{frame.PropertyInParent}");
        }

        return path.ToString();
    }

    private enum Role
    {
        Other,
        Document,
        NodeList,
        Node,
        ConditionList,
        Condition,
    }

    /// <summary>An open object or array: what it holds, where it is in its parent, and what is being read in it.</summary>
    private readonly record struct Frame(Role Role, bool IsArray, int IndexInParent, string? PropertyInParent)
    {
        public string? Property { get; init; }
        public int Index { get; init; } = -1;
        public bool HasDiscriminator { get; init; }
    }
}
