using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Serialization;

/// <summary>Writes a run's variables as a plain object and reads them back case-insensitive.</summary>
public sealed class VariableEnvironmentConverter : JsonConverter<VariableEnvironment>
{
    public override VariableEnvironment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("variables must be an object of names and text values");
        }

        var environment = new VariableEnvironment();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            environment.Set(name, reader.GetString() ?? throw new JsonException($"variable '{name}' must be text"));
        }

        return environment;
    }

    public override void Write(Utf8JsonWriter writer, VariableEnvironment value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // Sorted, so that equal states are equal bytes: a dictionary's order depends on its history of
        // removals, and a state read back must write exactly as the original did. A pooled buffer keeps
        // the save of every transition free of allocations.
        var buffer = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(value.Count);
        try
        {
            var count = 0;
            foreach (var pair in value)
            {
                buffer[count++] = pair;
            }

            Array.Sort(buffer, 0, count, ByName.Instance);
            writer.WriteStartObject();
            for (var i = 0; i < count; i++)
            {
                writer.WriteString(buffer[i].Key, buffer[i].Value);
            }

            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(buffer, clearArray: true);
        }
    }

    private sealed class ByName : IComparer<KeyValuePair<string, string>>
    {
        public static readonly ByName Instance = new();

        public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y) =>
            StringComparer.OrdinalIgnoreCase.Compare(x.Key, y.Key);
    }
}
