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
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
