using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>Source-generated JSON of the Elsa export: camelCase keys as Elsa writes them, nulls left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    IndentSize = 2,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CamelCaseEnumConverter<ConditionOperator>), typeof(CamelCaseEnumConverter<IfKind>)])]
[JsonSerializable(typeof(ElsaWorkflowDefinition))]
[JsonSerializable(typeof(ElsaInput))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(string))]
internal sealed partial class ElsaJsonContext : JsonSerializerContext;
