using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>
/// Reads name/value maps case-insensitively (variable and setting names are) and writes them
/// sorted, so that a file's bytes do not depend on edit order and a one-value edit is a one-line diff.
/// </summary>
public sealed class SortedStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of names and text values");
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"value of '{name}' must be text");
            }

            if (!map.TryAdd(name, reader.GetString()!))
            {
                throw new JsonException($"'{name}' appears twice (names are case-insensitive)");
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var pair in value.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }
}
