using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>Reads scenario files strictly: a misspelt key is an error, not a silent default.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SimulationScenario))]
public sealed partial class SimulationJsonContext : JsonSerializerContext;
