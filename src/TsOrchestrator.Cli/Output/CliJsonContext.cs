using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsOrchestrator.Cli.Output;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, IndentSize = 2, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulationReport))]
[JsonSerializable(typeof(InspectReport))]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
