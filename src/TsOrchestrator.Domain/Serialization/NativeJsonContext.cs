using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>Source-generated serialization of the native format (reflection-free: fast, trimmable).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    MaxDepth = SequenceLimits.MaxJsonDepth,
    WriteIndented = true,
    IndentSize = 2,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowOutOfOrderMetadataProperties = true,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(SortedStringMapConverter), typeof(CamelCaseEnumConverter<Conditions.ConditionOperator>), typeof(CamelCaseEnumConverter<Conditions.IfKind>), typeof(CamelCaseEnumConverter<StepRunIn>)])]
[JsonSerializable(typeof(TaskSequence))]
public sealed partial class NativeJsonContext : JsonSerializerContext;
