using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Contracts.Serialization;

/// <summary>
/// Generated metadata for every body of <see cref="IAgentApi"/>, so that the agent serialises without reflection and
/// compiles ahead of time. Its options are <see cref="ContractJson.Options"/>' (web defaults, nulls left out, the native
/// format's map and camelCase enum converters, other enums as their names): the server reads and writes the same JSON
/// whichever of the two a client uses. <c>UseStringEnumConverter</c> stands for the reflection options' non-generic
/// <see cref="JsonStringEnumConverter"/>, which needs run-time code generation; the listed converters still win for
/// their enums because converters in the options come before a type's own.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    UseStringEnumConverter = true,
    Converters = [typeof(SortedStringMapConverter), typeof(CamelCaseEnumConverter<ConditionOperator>), typeof(CamelCaseEnumConverter<IfKind>), typeof(CamelCaseEnumConverter<StepRunIn>)])]
[JsonSerializable(typeof(RegisterDeviceRequest))]
[JsonSerializable(typeof(RegisterDeviceResponse))]
[JsonSerializable(typeof(RegisterUnknownComputerRequest))]
[JsonSerializable(typeof(SiteProofRequest))]
[JsonSerializable(typeof(SiteProofResponse))]
[JsonSerializable(typeof(CheckInRequest))]
[JsonSerializable(typeof(CheckInResponse))]
[JsonSerializable(typeof(AgentNotification))]
[JsonSerializable(typeof(StartRunResponse))]
[JsonSerializable(typeof(AgentRunStatus))]
[JsonSerializable(typeof(WorkItemResult))]
[JsonSerializable(typeof(ConditionResult))]
[JsonSerializable(typeof(StepLogChunk))]
[JsonSerializable(typeof(RestartReport))]
[JsonSerializable(typeof(ContentLocation))]
[JsonSerializable(typeof(StateStoreRequest))]
[JsonSerializable(typeof(StateStoreInfo))]
internal sealed partial class AgentApiJsonContext : JsonSerializerContext;
