using System.Text.Json;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Serialization;

/// <summary>Run state to JSON and back, with nothing lost.</summary>
public static class RunStateSerializer
{
    public static byte[] Serialize(RunState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, EngineJsonContext.Default.RunState);

    public static void Serialize(Utf8JsonWriter writer, RunState state) =>
        JsonSerializer.Serialize(writer, state, EngineJsonContext.Default.RunState);

    public static RunState Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, EngineJsonContext.Default.RunState)
        ?? throw new JsonException("run state is null");
}
