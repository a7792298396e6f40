using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Serialization;

/// <summary>
/// Source-generated JSON for run state, events, commands and history: built once, reused for every
/// transition (rebuilding serializer options per call is what made Elsa's cycle 2 ms).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true,
    Converters = [typeof(VariableEnvironmentConverter), typeof(SortedStringMapConverter), typeof(CamelCaseEnumConverter<ConditionOperator>), typeof(CamelCaseEnumConverter<IfKind>)])]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(EngineCommand))]
[JsonSerializable(typeof(WorkItem))]
[JsonSerializable(typeof(ActivityRecord))]
[JsonSerializable(typeof(List<ActivityRecord>))]
public sealed partial class EngineJsonContext : JsonSerializerContext;
