using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>
/// Reads scenario outcomes: per step, an exit code (<c>1</c>), a word (<c>"unexpected-restart"</c>,
/// <c>"timeout"</c>), an object (<c>{"exitCode": 0, "variables": {...}}</c>), or a list of those for
/// successive attempts.
/// </summary>
public sealed class StepOutcomesConverter : JsonConverter<IReadOnlyDictionary<string, IReadOnlyList<StepOutcome>>>
{
    public override IReadOnlyDictionary<string, IReadOnlyList<StepOutcome>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("outcomes must be an object keyed by step path or name");
        }

        var outcomes = new Dictionary<string, IReadOnlyList<StepOutcome>>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var step = reader.GetString()!;
            reader.Read();
            var attempts = new List<StepOutcome>();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    attempts.Add(ReadOne(ref reader, step));
                }
            }
            else
            {
                attempts.Add(ReadOne(ref reader, step));
            }

            outcomes[step] = attempts;
        }

        return outcomes;
    }

    private static StepOutcome ReadOne(ref Utf8JsonReader reader, string step)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return StepOutcome.Exit(reader.GetInt32());
            case JsonTokenType.String:
                return reader.GetString() switch
                {
                    "unexpected-restart" => new StepOutcome { Kind = StepOutcomeKind.UnexpectedRestart },
                    "timeout" => new StepOutcome { Kind = StepOutcomeKind.Timeout },
                    var other => throw new JsonException(
                        $"outcome of '{step}': '{other}' is not an exit code, \"unexpected-restart\" or \"timeout\""),
                };
            case JsonTokenType.StartObject:
                var exitCode = 0;
                Dictionary<string, string>? variables = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var property = reader.GetString();
                    reader.Read();
                    if (string.Equals(property, "exitCode", StringComparison.OrdinalIgnoreCase))
                    {
                        exitCode = reader.GetInt32();
                    }
                    else if (string.Equals(property, "variables", StringComparison.OrdinalIgnoreCase))
                    {
                        variables = ReadVariables(ref reader, step);
                    }
                    else
                    {
                        throw new JsonException($"outcome of '{step}': unknown property '{property}' (use exitCode, variables)");
                    }
                }

                return new StepOutcome { ExitCode = exitCode, Variables = variables };
            default:
                throw new JsonException($"outcome of '{step}' must be an exit code, a word, an object or a list of those");
        }
    }

    private static Dictionary<string, string> ReadVariables(ref Utf8JsonReader reader, string step)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"outcome of '{step}': variables must be an object");
        }

        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            variables[name] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"outcome of '{step}': variable '{name}' must be text");
        }

        return variables;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyList<StepOutcome>> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (step, attempts) in value)
        {
            writer.WriteStartArray(step);
            foreach (var attempt in attempts)
            {
                switch (attempt.Kind)
                {
                    case StepOutcomeKind.UnexpectedRestart:
                        writer.WriteStringValue("unexpected-restart");
                        break;
                    case StepOutcomeKind.Timeout:
                        writer.WriteStringValue("timeout");
                        break;
                    default:
                        writer.WriteStartObject();
                        writer.WriteNumber("exitCode", attempt.ExitCode);
                        if (attempt.Variables is { } variables)
                        {
                            writer.WriteStartObject("variables");
                            foreach (var (name, text) in variables)
                            {
                                writer.WriteString(name, text);
                            }

                            writer.WriteEndObject();
                        }

                        writer.WriteEndObject();
                        break;
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
